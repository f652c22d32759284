package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which deliveries were already processed, so that a receiver hands each delivery to the
 * handler once even when the sender retries (see {@link WebhookDelivery#deliveryId()} for the ids).
 *
 * <p>Implementations must be thread-safe. {@link #inMemory(Duration)} is enough for one process;
 * back it with a database (an insert on a unique key) for a fleet of receivers.
 */
public interface SeenStore {
  /** The default number of ids an in-memory store keeps: 100,000. */
  int DEFAULT_MAX_ENTRIES = 100_000;

  /**
   * Records {@code deliveryId} as seen unless it already is, atomically.
   *
   * @param deliveryId the delivery's id
   * @return true if it was not seen before (process it), false if it was (a duplicate)
   */
  boolean markSeen(String deliveryId);

  /**
   * Forgets {@code deliveryId}, because its processing failed and the sender's retry must be
   * processed.
   *
   * @param deliveryId the delivery's id
   */
  void forget(String deliveryId);

  /**
   * Returns a store in memory that remembers ids for {@code ttl} (on the system clock) and at most
   * {@link #DEFAULT_MAX_ENTRIES} of them.
   *
   * @param ttl how long an id is remembered; should cover the sender's whole retry schedule
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  static SeenStore inMemory(Duration ttl) {
    return inMemory(ttl, Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
  }

  /**
   * Returns a store in memory that remembers ids for {@code ttl} on {@code clock}, and at most
   * {@code maxEntries} of them (the oldest are forgotten first).
   *
   * @param ttl how long an id is remembered
   * @param clock the clock that ages the ids
   * @param maxEntries the most ids kept
   * @throws IllegalArgumentException if {@code ttl} or {@code maxEntries} is not positive
   */
  static SeenStore inMemory(Duration ttl, Clock clock, int maxEntries) {
    return new InMemorySeenStore(ttl, clock, maxEntries);
  }
}
