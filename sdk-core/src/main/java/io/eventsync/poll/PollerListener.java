package io.eventsync.poll;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Observes a poller: metrics, alerts, progress. Every method has an empty default; override what
 * you need. Called on the poller's threads; implementations must be quick, thread-safe and must not
 * throw (an exception thrown here is logged and ignored).
 */
public interface PollerListener {
  /**
   * A batch was fetched.
   *
   * @param size events in the batch
   * @param alreadyDone events in it that the checkpoint records as handled (skipped)
   */
  default void batchFetched(String stream, int size, int alreadyDone) {}

  /**
   * An event was handled.
   *
   * @param lag now minus the event's creation time, or null if the event has none
   */
  default void eventHandled(String stream, String eventId, @Nullable Duration lag) {}

  /**
   * An event was handled, with the time the handler took. The default calls {@link
   * #eventHandled(String, String, Duration)}; the poller calls only this method.
   *
   * @param lag now minus the event's creation time, or null if the event has none
   * @param handlerTime how long the handler ran for this event (for a batch handler, the batch's
   *     time divided evenly among its events)
   */
  default void eventHandled(
      String stream, String eventId, @Nullable Duration lag, Duration handlerTime) {
    eventHandled(stream, eventId, lag);
  }

  /** The handler failed on {@code attempt} and will be called again after {@code backoff}. */
  default void retrying(
      String stream, String eventId, int attempt, Throwable error, Duration backoff) {}

  /** An event was given up and stored as a dead letter. */
  default void deadLettered(String stream, DeadLetter deadLetter) {}

  /** The poller halted; it hands over nothing more until restarted. */
  default void halted(String stream, Throwable cause) {}

  /** A checkpoint was committed. */
  default void committed(String stream, Checkpoint checkpoint) {}

  /**
   * A checkpoint was committed, with the time the commit took. The default calls {@link
   * #committed(String, Checkpoint)}; the poller calls only this method.
   */
  default void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
    committed(stream, checkpoint);
  }

  /**
   * A fetch failed (after the client's own retries) and will be tried again after {@code backoff}.
   * Called by {@link #fetchFailed(String, Throwable, Duration, int)}'s default; override one of the
   * two.
   */
  default void fetchFailed(String stream, Throwable error, Duration backoff) {}

  /**
   * A fetch failed (after the client's own retries) and will be tried again after {@code backoff}
   * (at least the wait the server asked for in {@code Retry-After}, up to the poller's {@link
   * io.eventsync.RetryPolicy#maxRetryAfter()}). The default calls {@link #fetchFailed(String,
   * Throwable, Duration)}.
   *
   * @param attempt the failure's number in its streak of failures in a row, from 1
   */
  default void fetchFailed(String stream, Throwable error, Duration backoff, int attempt) {
    fetchFailed(stream, error, backoff);
  }

  /**
   * A fetch worked again after {@code failedAttempts} failures in a row.
   *
   * @param downtime from the first failure of the streak to now
   */
  default void fetchRecovered(String stream, int failedAttempts, Duration downtime) {}

  /**
   * The poller's fetches have failed without a break for longer than its {@link
   * PollerBuilder#unhealthyAfter(Duration) unhealthy limit}; called once per streak of failures.
   * {@link #fetchRecovered} says when it ends; {@link Poller#health()} tells the same at any time.
   *
   * @param since when the first failure of the streak happened
   * @param lastError the last failure
   */
  default void unhealthy(String stream, Instant since, Throwable lastError) {}

  /**
   * A row could not be delivered by the source and was reported instead (for example an events log
   * row without {@code createdAt}, which no cursor can reach).
   */
  default void eventUnreachable(String stream, String eventId, String reason) {}
}
