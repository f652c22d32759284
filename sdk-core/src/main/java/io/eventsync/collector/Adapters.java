package io.eventsync.collector;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import io.eventsync.internal.Json;
import java.util.List;

/**
 * The JSON adapters of this package, created once. Enums decode an unknown value to their {@code
 * UNKNOWN} constant instead of failing.
 */
final class Adapters {
  private Adapters() {}

  private static final Moshi MOSHI =
      Json.moshi()
          .newBuilder()
          .add(Operation.class, lenient(Operation.class, Operation.UNKNOWN))
          .add(EventSource.class, lenient(EventSource.class, EventSource.UNKNOWN))
          .add(EntityType.class, lenient(EntityType.class, EntityType.UNKNOWN))
          .add(Notification.class, lenient(Notification.class, Notification.UNKNOWN))
          .add(DestinationType.class, lenient(DestinationType.class, DestinationType.UNKNOWN))
          .build();

  static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);
  static final JsonAdapter<CollectorEvent> EVENT = MOSHI.adapter(CollectorEvent.class);
  static final JsonAdapter<EventSubscription> SUBSCRIPTION = MOSHI.adapter(EventSubscription.class);
  static final JsonAdapter<List<EventSubscription>> SUBSCRIPTIONS =
      MOSHI.adapter(
          com.squareup.moshi.Types.newParameterizedType(List.class, EventSubscription.class));
  static final JsonAdapter<Job> JOB = MOSHI.adapter(Job.class);

  private static <E extends Enum<E>> JsonAdapter<E> lenient(Class<E> type, E unknown) {
    return EnumJsonAdapter.create(type).withUnknownFallback(unknown).nullSafe();
  }
}
