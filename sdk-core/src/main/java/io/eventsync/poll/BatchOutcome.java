package io.eventsync.poll;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of one batch's events: counts, the batch's first halt (later failures of the same
 * batch are only logged) and whether the lease was lost. Thread-safe: concurrent handlers update
 * it.
 */
final class BatchOutcome {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private int handled;
  private int deadLettered;
  private PollerHaltedException halt;
  private boolean leaseLost;
  private @Nullable Duration retryAfter; // set when a handler's retry waits for a later turn
  private int nextAttempt;
  private int resumeAt;

  BatchOutcome(String stream) {
    this.stream = stream;
  }

  synchronized void handled(int count) {
    handled += count;
  }

  synchronized void deadLettered(int count) {
    deadLettered += count;
  }

  synchronized void leaseLost() {
    leaseLost = true;
  }

  /** Records the batch's halt unless one was recorded already (the first halt wins). */
  synchronized void halt(String message, String eventId, Throwable cause) {
    if (halt == null) {
      halt = new PollerHaltedException(message, stream, eventId, cause);
    } else {
      log.debug("stream {} also failed after halting: {}", stream, message);
    }
  }

  synchronized int handled() {
    return handled;
  }

  synchronized int deadLettered() {
    return deadLettered;
  }

  /** Returns the batch's halt, or null. */
  synchronized PollerHaltedException halt() {
    return halt;
  }

  synchronized boolean isLeaseLost() {
    return leaseLost;
  }

  /**
   * The handler failed and its retry, attempt {@code nextAttempt}, waits {@code after} on the
   * group's timer instead of a sleeping thread: the batch stops here and goes on in a later turn.
   */
  synchronized void retryLater(int nextAttempt, Duration after) {
    this.nextAttempt = nextAttempt;
    this.retryAfter = after;
  }

  /** Records the index in the batch of the event to retry (the batch's first, for a batch). */
  synchronized void resumeAt(int index) {
    resumeAt = index;
  }

  /** Returns the wait before the batch goes on, or null if it was not put off. */
  synchronized @Nullable Duration retryAfter() {
    return retryAfter;
  }

  synchronized int nextAttempt() {
    return nextAttempt;
  }

  synchronized int resumeAt() {
    return resumeAt;
  }
}
