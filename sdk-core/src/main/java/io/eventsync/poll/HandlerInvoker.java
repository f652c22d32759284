package io.eventsync.poll;

import io.eventsync.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Calls a poller's handler for an event or a batch: retries with the {@link RetryPolicy}'s backoff
 * (cut short by {@code close()}), then dead-letters the events or decides that the poller halts.
 * Also tells whether the current thread is inside one of this poller's handlers (a handler may
 * close its own poller). Holds no mutable state of its own.
 */
final class HandlerInvoker<E> {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /**
   * The invoker whose handler runs on this thread, if any. Kept because {@link Poller#close} must
   * know that its caller is one of the poller's own handlers (it cannot wait for itself), and the
   * public API gives a handler no other handle on its poller.
   */
  private static final ThreadLocal<HandlerInvoker<?>> HANDLING = new ThreadLocal<>();

  /** A handler call. */
  interface Call {
    void run() throws Exception;
  }

  /** Told of events that are done: handled, or dead-lettered. */
  interface Done<E> {
    void done(List<PolledEvent<E>> events, boolean deadLettered, long handlerNanos);
  }

  /**
   * The result of a call with retries: success (with the successful attempt's time), the last error
   * after the attempts, stopped by {@code close()} during a backoff, or a retry put off to a later
   * turn ({@code retryAfter}, in a {@link PollerGroup}).
   */
  record Result(
      long nanos,
      @Nullable Exception lastError,
      int attempts,
      boolean stopped,
      @Nullable Duration retryAfter) {
    static final Result STOPPED = new Result(0, null, 0, true, null);

    boolean ok() {
      return lastError == null && !stopped && retryAfter == null;
    }
  }

  private final String stream;
  private final EventSource<E> source;
  private final EventHandler<? super E> handler;
  private final BatchHandler<? super E> batchHandler;
  private final TransactionalHandler<? super E> transactionalHandler;
  private final RetryPolicy retryPolicy;
  private final DeadLetterSink sink;
  private final Clock clock;
  private final ListenerCalls listener;
  private final PollerLifecycle lifecycle;
  private final Committer committer;
  private final boolean retryLater;

  /**
   * An invoker; if {@code retryLater}, a failed handler's next attempt is put off to a later turn
   * (the caller schedules the wait) instead of sleeping the backoff on the handler's thread.
   */
  HandlerInvoker(
      PollerBuilder<E> b,
      ListenerCalls listener,
      PollerLifecycle lifecycle,
      Committer committer,
      boolean retryLater) {
    this.stream = b.source.stream();
    this.source = b.source;
    this.handler = b.handler;
    this.batchHandler = b.batchHandler;
    this.transactionalHandler = b.transactionalHandler;
    this.retryPolicy = b.retryPolicy;
    this.sink = b.failurePolicy.sink();
    this.clock = b.clock;
    this.listener = listener;
    this.lifecycle = lifecycle;
    this.committer = committer;
    this.retryLater = retryLater;
  }

  /** Returns true if the calling thread runs one of this poller's handlers. */
  boolean isHandlingOnThisThread() {
    return HANDLING.get() == this;
  }

  /**
   * Handles one event with retries; when they are spent, dead-letters it or records the halt.
   * Returns false if the batch must stop here.
   */
  boolean handleOne(PolledEvent<E> event, int firstAttempt, BatchOutcome outcome, Done<E> done) {
    String id = event.id();
    MDC.put("eventsync.stream", stream);
    MDC.put("eventsync.eventId", id);
    try {
      Result result;
      try {
        result = invoke(id, firstAttempt, retryLater, () -> handle(event.event(), id));
      } catch (CursorStoreException e) {
        if (committer.fencedAfterLapse(e)) {
          outcome.leaseLost(); // rolled back; the stream's new holder hands the event over
          return false;
        }
        outcome.halt(
            "cannot commit event " + id + " of stream \"" + stream + "\": " + e.getMessage(),
            id,
            e);
        return false;
      }
      if (result.ok()) {
        done.done(List.of(event), false, result.nanos());
        return true;
      }
      if (result.retryAfter() != null) {
        outcome.retryLater(result.attempts() + 1, result.retryAfter());
        return false;
      }
      return !result.stopped() && giveUp(List.of(event), result, outcome, done);
    } finally {
      MDC.remove("eventsync.eventId");
      MDC.remove("eventsync.stream");
    }
  }

  /** Hands the whole batch to the batch handler with retries, then as {@link #handleOne}. */
  void handleBatch(
      List<PolledEvent<E>> events, int firstAttempt, BatchOutcome outcome, Done<E> done) {
    List<E> raw = new ArrayList<>(events.size());
    for (PolledEvent<E> event : events) {
      raw.add(event.event());
    }
    MDC.put("eventsync.stream", stream);
    try {
      Result result =
          invoke(events.get(0).id(), firstAttempt, retryLater, () -> batchHandler.handle(raw));
      if (result.ok()) {
        done.done(events, false, result.nanos());
      } else if (result.retryAfter() != null) {
        outcome.retryLater(result.attempts() + 1, result.retryAfter());
      } else if (!result.stopped()) {
        giveUp(events, result, outcome, done);
      }
    } finally {
      MDC.remove("eventsync.stream");
    }
  }

  /** Hands a replayed dead letter to whichever handler the poller has, with retries. */
  Result replay(E event, String id) {
    return invoke(
        id,
        1,
        false, // a replay runs on the caller's thread, start to end
        () -> {
          if (handler != null) {
            handler.handle(event);
          } else if (batchHandler != null) {
            batchHandler.handle(List.of(event));
          } else {
            handle(event, id);
          }
        });
  }

  private void handle(E event, String id) throws Exception {
    if (transactionalHandler != null) {
      committer.commitWith(id, connection -> transactionalHandler.handle(event, connection));
    } else {
      handler.handle(event);
    }
  }

  /**
   * Calls with retries from attempt {@code firstAttempt}; a {@link CursorStoreException} (another
   * writer, a fenced commit) is thrown at once, never retried. If {@code later}, returns after the
   * first failed attempt that may be retried, with the backoff to wait, instead of sleeping it.
   */
  Result invoke(String id, int firstAttempt, boolean later, Call call) {
    for (int attempt = firstAttempt; ; attempt++) {
      try {
        HandlerInvoker<?> outer = HANDLING.get();
        HANDLING.set(this);
        long start = System.nanoTime();
        try {
          call.run();
        } finally {
          HANDLING.set(outer);
        }
        return new Result(System.nanoTime() - start, null, attempt, false, null);
      } catch (CursorStoreException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= retryPolicy.maxAttempts()) {
          return new Result(0, e, attempt, false, null);
        }
        Duration backoff = retryPolicy.backoff(attempt);
        listener.retrying(id, attempt, e, backoff);
        log.debug(
            "handler failed on event {} of stream {} (attempt {}): {}",
            id,
            stream,
            attempt,
            e.toString());
        if (lifecycle.stopping()) {
          return Result.STOPPED;
        }
        if (later) {
          return new Result(0, null, attempt, false, backoff);
        }
        lifecycle.pause(backoff);
        if (lifecycle.stopping()) {
          return Result.STOPPED;
        }
      }
    }
  }

  /**
   * The attempts are spent: dead-letters {@code events} one by one (each done as it goes), or
   * records the halt if there is no sink or the sink fails. Returns true if the batch may go on.
   */
  private boolean giveUp(
      List<PolledEvent<E>> events, Result failed, BatchOutcome outcome, Done<E> done) {
    Exception cause = failed.lastError();
    String firstId = events.get(0).id();
    if (sink == null) {
      outcome.halt(
          "handler failed on event "
              + firstId
              + " of stream \""
              + stream
              + "\" after "
              + failed.attempts()
              + " attempts ("
              + cause
              + "); the poller halted and the cursor stays before the event",
          firstId,
          cause);
      return false;
    }
    for (PolledEvent<E> event : events) {
      DeadLetter letter =
          new DeadLetter(
              stream,
              event.id(),
              event.type(),
              source.toJson(event.event()),
              String.valueOf(cause),
              failed.attempts(),
              clock.instant());
      try {
        sink.accept(letter);
      } catch (RuntimeException sinkFailure) {
        outcome.halt(
            "dead-letter sink "
                + sink
                + " failed for event "
                + letter.eventId()
                + " of stream \""
                + stream
                + "\" ("
                + sinkFailure.getMessage()
                + "); the poller halted and the cursor stays before the event",
            letter.eventId(),
            sinkFailure);
        return false;
      }
      listener.deadLettered(letter);
      log.debug(
          "event {} of stream {} dead-lettered after {} attempts",
          letter.eventId(),
          stream,
          letter.attempts());
      done.done(List.of(event), true, 0);
    }
    return true;
  }
}
