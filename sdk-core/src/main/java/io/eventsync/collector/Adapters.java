package io.eventsync.collector;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.eventsync.internal.Json;
import java.util.List;

/**
 * The JSON adapters of this package, created once. Open values ({@link Operation}, {@link
 * EventOrigin} and the others) decode any string, keeping an unknown one as it was.
 */
final class Adapters {
  private Adapters() {}

  private static final Moshi MOSHI = Json.moshi();

  static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);
  static final JsonAdapter<CollectorEvent> EVENT = MOSHI.adapter(CollectorEvent.class);
  static final JsonAdapter<EventSubscription> SUBSCRIPTION = MOSHI.adapter(EventSubscription.class);
  static final JsonAdapter<List<EventSubscription>> SUBSCRIPTIONS =
      MOSHI.adapter(
          com.squareup.moshi.Types.newParameterizedType(List.class, EventSubscription.class));
  static final JsonAdapter<Job> JOB = MOSHI.adapter(Job.class);
}
