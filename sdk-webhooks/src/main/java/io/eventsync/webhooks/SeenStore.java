package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which deliveries were handled, so that a receiver hands each delivery to the handler
 * once even when the sender retries (see {@link WebhookDelivery#deliveryId()} for the ids).
 *
 * <p>A delivery goes through three calls: {@link #claim} before the handler runs, then {@link
 * #complete} when the handler succeeded or {@link #release} when it failed. An id counts as handled
 * only once it was completed: a duplicate that arrives while the first attempt is still running
 * finds it {@link Claim#IN_PROGRESS} and is asked to retry later, and the retry of a failed attempt
 * is handled. A claim that is never completed or released (the process died) lapses after a while,
 * so that a later retry is handled.
 *
 * <p>Implementations must be thread-safe and {@link #claim} must be atomic (two concurrent claims
 * of one id: one {@link Claim#ACQUIRED}). {@link #inMemory(Duration)} is enough for one process;
 * {@link JdbcSeenStore} shares the ids between replicas and keeps them across restarts.
 */
public interface SeenStore {
  /** The default number of ids an in-memory store keeps: 100,000. */
  int DEFAULT_MAX_ENTRIES = 100_000;

  /** The outcome of {@link #claim(String)}. */
  enum Claim {
    /** The id was free (never seen, released, or its claim lapsed): handle the delivery. */
    ACQUIRED,
    /** Another attempt holds the claim and has not finished: ask the sender to retry later. */
    IN_PROGRESS,
    /** The delivery was handled: acknowledge it without calling the handler. */
    HANDLED
  }

  /**
   * Claims {@code deliveryId} for one attempt, atomically.
   *
   * @param deliveryId the delivery's id
   * @return {@link Claim#ACQUIRED} if this attempt must handle it, else why not
   */
  Claim claim(String deliveryId);

  /**
   * Records that the delivery claimed by this attempt was handled; from now on it is {@link
   * Claim#HANDLED} for the store's retention.
   *
   * @param deliveryId the delivery's id
   */
  void complete(String deliveryId);

  /**
   * Gives up the claim on {@code deliveryId}, because its handler failed and the sender's retry
   * must be handled. Does nothing if the id is not claimed.
   *
   * @param deliveryId the delivery's id
   */
  void release(String deliveryId);

  /**
   * Returns a store in memory that remembers ids for {@code ttl} (on the system clock) and at most
   * {@link #DEFAULT_MAX_ENTRIES} of them.
   *
   * @param ttl how long a handled id is remembered, and the longest a claim holds; should cover the
   *     sender's whole retry schedule
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  static SeenStore inMemory(Duration ttl) {
    return inMemory(ttl, Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
  }

  /**
   * Returns a store in memory that remembers ids for {@code ttl} on {@code clock}, and at most
   * {@code maxEntries} of them (the oldest are forgotten first).
   *
   * @param ttl how long a handled id is remembered, and the longest a claim holds
   * @param clock the clock that ages the ids
   * @param maxEntries the most ids kept
   * @throws IllegalArgumentException if {@code ttl} or {@code maxEntries} is not positive
   */
  static SeenStore inMemory(Duration ttl, Clock clock, int maxEntries) {
    return new InMemorySeenStore(ttl, clock, maxEntries);
  }
}
