package io.eventsync.poll;

import java.time.Duration;

/**
 * Reads a stream and hands its events to a handler: every event at least once, in order, events
 * already recorded in the checkpoint skipped, nothing lost across crashes and restarts.
 *
 * <p>Use {@link #start()} to poll on a background thread, or {@link #pollOnce()} / {@link #drain()}
 * to poll on the caller's thread (batch jobs, tests). One poller per stream at a time: the cursor
 * store refuses a second writer. Thread-safe; {@link #close(Duration)} stops it in fixed phases.
 */
public interface Poller extends AutoCloseable {
  /** Default wait for {@link #close()}: 30 s. */
  Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Starts polling on a background thread: fetch, hand over, commit; waits {@code idleBackoff} when
   * caught up and backs off after fetch failures (never less than a server's {@code Retry-After}).
   * Fetch failures are retried for as long as the poller runs; each streak of them is logged at
   * WARN (its first failure, then at most once a minute) and reported to the {@link
   * PollerListener}; see {@link #health()}. A batch's commit runs while the next batch is fetched,
   * and the next batch is handed over only once that commit is stored.
   *
   * <p>A poller with a {@link CursorStore#file(java.nio.file.Path) file cursor} takes the stream's
   * cursor for itself first, and keeps it until closed or halted.
   *
   * @throws CursorStoreException if the cursor cannot be written, or another poller (in this or
   *     another process) holds this stream's file cursor
   * @throws IllegalStateException if already started, halted or closed
   */
  void start();

  /**
   * Fetches one batch, hands over its new events and commits, on the caller's thread.
   *
   * @throws PollerHaltedException if the poller halted on this batch
   * @throws io.eventsync.EventSyncException if the fetch failed (after the client's retries)
   * @throws IllegalStateException if running in the background, halted or closed
   */
  PollResult pollOnce();

  /**
   * Polls on the caller's thread until the stream has nothing more, riding out transient fetch
   * failures (network, 5xx, 429, cut-off bodies) with backoff, up to 10 in a row, reported as
   * {@link #start()} reports them (WARN and the {@link PollerListener}). Like {@link #start()}, it
   * commits a batch while fetching the next; when it returns, everything handled is committed.
   *
   * @throws PollerHaltedException if the poller halted
   * @throws io.eventsync.EventSyncException if fetching failed permanently
   */
  DrainResult drain();

  /**
   * Handles the dead letters of this stream again (from the {@link FailurePolicy#deadLetter} sink),
   * oldest first, applying the stale-guard if one is set: a dead letter older than the newest
   * processed version of its entity is dropped. Handled and stale ones are removed.
   *
   * @throws IllegalStateException if the poller has no dead-letter sink
   */
  ReplayReport replayDeadLetters();

  /** Returns the state. */
  PollerState state();

  /** Returns why the poller halted, or null if it has not. */
  Throwable failure();

  /**
   * Returns whether the poller is doing its job, for health checks: unhealthy once it halted, or
   * once its fetches have failed without a break for longer than {@link
   * PollerBuilder#unhealthyAfter(Duration)} (by default never for fetch failures alone).
   */
  PollerHealth health();

  /** Returns the last committed checkpoint. */
  Checkpoint checkpoint();

  /**
   * Stops the poller in phases: stop fetching (a fetch in flight is cancelled at once, its HTTP
   * call included); let the event in flight finish; commit the last fully handled position; end the
   * poller's threads; give the stream's file cursor up. Waits at most {@code timeout} in all; the
   * report says what was abandoned.
   */
  CloseReport close(Duration timeout);

  /** Closes with {@link #DEFAULT_CLOSE_TIMEOUT}. */
  @Override
  default void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }
}
