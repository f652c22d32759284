package io.eventsync.poll;

import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A fetched event with what the poller needs of it, read from the source once: its id, type,
 * creation time and, when handlers run concurrently, its ordering key.
 *
 * @param key the ordering key, or null when events are handled one at a time
 */
record PolledEvent<E>(
    E event, String id, @Nullable String type, @Nullable Instant createdAt, @Nullable String key) {
  /**
   * Reads {@code event}'s other fields from {@code source}; the key only if {@code orderingKey} is
   * set.
   */
  static <E> PolledEvent<E> of(
      EventSource<E> source,
      E event,
      String id,
      @Nullable Function<? super E, String> orderingKey) {
    return new PolledEvent<>(
        event,
        id,
        source.type(event),
        source.createdAt(event),
        orderingKey == null ? null : orderingKey.apply(event));
  }
}
