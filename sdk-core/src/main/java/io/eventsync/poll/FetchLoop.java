package io.eventsync.poll;

import io.eventsync.EventSyncException;
import io.eventsync.internal.Transience;
import io.eventsync.poll.CloseReport.Abandoned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poller's pull loop: fetches the next batch after the handled position (cancellable by {@code
 * close()}), skips what is done, hands the rest to the {@link Dispatcher} and ends the batch with
 * the {@link Committer}; reports failed fetches and decides the waits (idle backoff, error backoff,
 * {@code Retry-After}). {@link #step()} is one turn of the background loop and returns the wait
 * before the next, so that a caller may schedule the wait instead of sleeping it. Holds no state of
 * its own beyond the parts it is given; one thread drives it at a time.
 */
final class FetchLoop<E> {
  static final int MAX_CONSECUTIVE_FETCH_FAILURES = 10;

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /**
   * What the background loop does next.
   *
   * @param stop true if the loop ends
   * @param delay the wait before the next step, or null to go on at once
   */
  record Next(boolean stop, Duration delay) {
    static final Next STOP = new Next(true, null);
    static final Next NOW = new Next(false, null);
  }

  private final String stream;
  private final EventSource<E> source;
  private final Function<? super E, String> orderingKey; // null: events carry no key
  private final Duration idleBackoff;
  private final FetchBackoff fetchBackoff;
  private final FetchFailureReporter fetchFailures;
  private final ListenerCalls listener;
  private final PollerLifecycle lifecycle;
  private final Committer committer;
  private final Dispatcher<E> dispatcher;
  private final LoopActivity activity;
  private final InFlightFetch fetches = new InFlightFetch();

  /**
   * The rest of a batch whose handing over waits for a handler's retry (in a {@link PollerGroup},
   * where the wait is scheduled instead of slept): it goes on at the next turn without fetching,
   * unless the lease was lost or taken over since ({@code drops} changed). Only the thread that
   * drives the loop touches it.
   */
  private record PutOff<E>(
      EventSource.Batch<E> batch,
      List<PolledEvent<E>> todo,
      int skipped,
      int nextAttempt,
      long drops,
      Duration retryAfter) {}

  private @Nullable PutOff<E> putOff;

  FetchLoop(
      PollerBuilder<E> b,
      FetchFailureReporter fetchFailures,
      ListenerCalls listener,
      PollerLifecycle lifecycle,
      Committer committer,
      Dispatcher<E> dispatcher,
      LoopActivity activity) {
    this.stream = b.source.stream();
    this.source = b.source;
    this.orderingKey = dispatcher.needsKeys() ? b.orderingKey : null;
    this.idleBackoff = b.idleBackoff;
    this.fetchBackoff =
        new FetchBackoff(b.errorBackoff, b.maxErrorBackoff, b.retryPolicy.maxRetryAfter());
    this.fetchFailures = fetchFailures;
    this.listener = listener;
    this.lifecycle = lifecycle;
    this.committer = committer;
    this.dispatcher = dispatcher;
    this.activity = activity;
  }

  /** The background loop: steps until stopped or halted, then commits on its way out. */
  void run() {
    try {
      while (!lifecycle.stopping()) {
        Next next = step();
        if (next.stop()) {
          return;
        }
        if (next.delay() != null) {
          lifecycle.pause(next.delay());
        }
      }
    } finally {
      finish();
    }
  }

  /** Ends the background loop: commits what was handled, on the loop's own way out. */
  void finish() {
    activity.set(Abandoned.COMMIT);
    try {
      committer.commitQuietly();
    } finally {
      activity.set(Abandoned.NOTHING);
    }
    log.debug("poller of stream {} stopped", stream);
  }

  /** One turn of the background loop: one batch, or a failed fetch reported; never sleeps. */
  Next step() {
    PollResult result;
    try {
      result = pollBatch(true);
    } catch (PollerHaltedException e) {
      return Next.STOP;
    } catch (EventSyncException e) {
      if (!Transience.isTransient(e)) {
        committer.haltKeepingProgress(
            e, "fetching from stream \"" + stream + "\" failed permanently: " + e.getMessage());
        return Next.STOP;
      }
      return new Next(false, fetchFailed(e));
    } catch (RuntimeException | Error e) {
      committer.haltKeepingProgress(
          e, "poller of stream \"" + stream + "\" failed unexpectedly: " + e);
      return Next.STOP;
    }
    PutOff<E> waiting = putOff;
    if (waiting != null) {
      return new Next(false, waiting.retryAfter()); // the handler's retry, on the group's timer
    }
    return result.caughtUp() ? new Next(false, idleBackoff) : Next.NOW;
  }

  /**
   * One batch on the caller's thread; if {@code overlapCommit}, the batch may be committed while
   * the next one is fetched.
   */
  PollResult pollOnce(boolean overlapCommit) {
    lifecycle.enterCallerThread("pollOnce");
    try {
      return pollBatch(overlapCommit);
    } catch (Error e) {
      lifecycle.releaseCursor(); // the process is in trouble; the next poll claims it again
      throw e;
    }
  }

  /** Polls until caught up, waiting out transient fetch failures (at most ten in a row). */
  DrainResult drain() {
    long polls = 0;
    long handled = 0;
    long skipped = 0;
    long deadLettered = 0;
    int failures = 0;
    while (!lifecycle.stopping()) {
      PollResult result;
      try {
        result = pollOnce(true);
      } catch (PollerHaltedException e) {
        throw e;
      } catch (EventSyncException e) {
        if (!Transience.isTransient(e) || ++failures >= MAX_CONSECUTIVE_FETCH_FAILURES) {
          committer.settle(); // what was handled is committed, or the poller halts
          throw e;
        }
        lifecycle.pause(fetchFailed(e));
        continue;
      }
      failures = 0;
      polls++;
      handled += result.handled();
      skipped += result.skipped();
      deadLettered += result.deadLettered();
      if (result.caughtUp()) {
        break;
      }
    }
    return new DrainResult(polls, handled, skipped, deadLettered, committer.checkpoint());
  }

  /** Cancels the fetch in flight, if any; returns true if there was one. */
  boolean cancelFetch() {
    return fetches.cancel();
  }

  /** Reports a failed fetch that will be tried again; returns the wait before that. */
  private Duration fetchFailed(EventSyncException e) {
    Duration backoff = fetchBackoff.after(fetchFailures.failures() + 1, e);
    fetchFailures.failed(e, backoff);
    return backoff;
  }

  private PollResult pollBatch(boolean overlapCommit) {
    try {
      return pollBatchOrLapse(overlapCommit);
    } catch (LeaseLapsed e) {
      putOff = null; // the stream's new holder hands it over again
      return new PollResult(0, 0, 0, 0, true);
    }
  }

  private PollResult pollBatchOrLapse(boolean overlapCommit) {
    PutOff<E> resumed = putOff;
    putOff = null;
    if (!committer.holdLease()) {
      return new PollResult(0, 0, 0, 0, true);
    }
    Checkpoint start = committer.resume();
    if (resumed != null && resumed.drops() == committer.drops()) {
      return handOver(
          resumed.batch(), resumed.todo(), resumed.skipped(), resumed.nextAttempt(), overlapCommit);
    }
    // The previous batch's commit may still be running: the fetch only reads start's position.
    EventSource.Batch<E> batch;
    try {
      batch = fetch(start);
    } catch (RuntimeException e) {
      if (!lifecycle.stopping()) {
        throw e;
      }
      committer.settle();
      log.debug("fetch of stream {} cancelled by close(): {}", stream, e.toString());
      return new PollResult(0, 0, 0, 0, false); // nothing handed over; fetched again next time
    }
    fetchFailures.succeeded();
    start = committer.settle();
    int fetched = batch.events().size();
    if (lifecycle.stopping()) {
      return new PollResult(fetched, 0, 0, 0, false); // redelivered next time
    }
    List<PolledEvent<E>> todo = new ArrayList<>(fetched);
    for (E event : batch.events()) {
      String id = source.id(event);
      if (!start.isDone(id)) {
        todo.add(PolledEvent.of(source, event, id, orderingKey));
      }
    }
    int skipped = fetched - todo.size();
    listener.batchFetched(fetched, skipped);
    listener.unreachable(batch.unreachable());
    return handOver(batch, todo, skipped, 1, overlapCommit);
  }

  /**
   * Hands {@code todo} over (the first event's handler from {@code firstAttempt}) and ends the
   * batch: a halt, a lost lease, a retry put off to a later turn, or the commit.
   */
  private PollResult handOver(
      EventSource.Batch<E> batch,
      List<PolledEvent<E>> todo,
      int skipped,
      int firstAttempt,
      boolean overlapCommit) {
    int fetched = batch.events().size();
    BatchOutcome outcome = dispatch(todo, firstAttempt);
    PollerHaltedException halt = outcome.halt();
    if (halt != null) {
      committer.haltKeepingProgress(halt.getCause(), halt.getMessage());
      throw halt;
    }
    int handled = outcome.handled();
    int deadLettered = outcome.deadLettered();
    if (outcome.isLeaseLost()) {
      committer.forget(); // uncommitted progress is redelivered to whoever holds the lease
      log.info("poller of stream {} lost its lease; it stopped handing over events", stream);
      return new PollResult(fetched, handled, skipped, deadLettered, true);
    }
    boolean complete = handled + deadLettered == todo.size();
    activity.set(Abandoned.COMMIT);
    try {
      committer.endBatch(
          complete,
          batch.nextPosition(),
          batch.nextDoneIds(),
          overlapCommit && complete && !batch.caughtUp() && !lifecycle.stopping());
    } finally {
      activity.set(Abandoned.NOTHING);
    }
    Duration retryAfter = outcome.retryAfter();
    if (retryAfter != null && !lifecycle.stopping()) {
      List<PolledEvent<E>> rest = List.copyOf(todo.subList(outcome.resumeAt(), todo.size()));
      putOff =
          new PutOff<>(batch, rest, skipped, outcome.nextAttempt(), committer.drops(), retryAfter);
    }
    return new PollResult(fetched, handled, skipped, deadLettered, complete && batch.caughtUp());
  }

  private BatchOutcome dispatch(List<PolledEvent<E>> todo, int firstAttempt) {
    if (todo.isEmpty()) {
      return dispatcher.dispatch(todo, firstAttempt);
    }
    activity.set(Abandoned.EVENT);
    try {
      return dispatcher.dispatch(todo, firstAttempt);
    } finally {
      activity.set(Abandoned.NOTHING);
    }
  }

  /** Fetches after {@code start}; {@code close()} may cancel the fetch. */
  private EventSource.Batch<E> fetch(Checkpoint start) {
    activity.set(Abandoned.FETCH);
    try {
      return fetches.run(() -> source.fetch(start));
    } finally {
      activity.set(Abandoned.NOTHING);
    }
  }
}
