package io.eventsync.poll;

import io.eventsync.EventSyncException;
import io.eventsync.internal.KeyedSequentialExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a batch's events to the handler: in order on the calling thread, concurrently per ordering
 * key on the poller's worker threads (one key's events one after another), or all at once to a
 * batch handler. Records each event that is done with the {@link Committer} and the listener. Owns
 * the worker threads; thread-safe.
 */
final class Dispatcher<E> {
  private final String stream;
  private final HandlerInvoker<E> invoker;
  private final Committer committer;
  private final PollerLifecycle lifecycle;
  private final ListenerCalls listener;
  private final StaleGuard<E> staleGuard;
  private final Clock clock;
  private final boolean commitEachEvent;
  private final boolean batch;
  private final int concurrency;
  private final ThreadFactory threads;
  private final AtomicLong handledTotal = new AtomicLong();
  private final Object lock = new Object();

  private ExecutorService workers; // made on the first concurrent batch
  private KeyedSequentialExecutor lanes;

  Dispatcher(
      PollerBuilder<E> b,
      HandlerInvoker<E> invoker,
      Committer committer,
      PollerLifecycle lifecycle,
      ListenerCalls listener,
      StaleGuard<E> staleGuard,
      ThreadFactory threads) {
    this.stream = b.source.stream();
    this.invoker = invoker;
    this.committer = committer;
    this.lifecycle = lifecycle;
    this.listener = listener;
    this.staleGuard = staleGuard;
    this.clock = b.clock;
    this.commitEachEvent = b.commitEvery == CommitEvery.EVENT;
    this.batch = b.batchHandler != null;
    this.concurrency = b.concurrency;
    this.threads = threads;
  }

  /** True if events carry an ordering key: they are handled concurrently per key. */
  boolean needsKeys() {
    return !batch && concurrency > 1;
  }

  /**
   * Hands {@code events} over, the first one's handler from attempt {@code firstAttempt} (a batch
   * that goes on after a retry was put off), and returns what became of them.
   */
  BatchOutcome dispatch(List<PolledEvent<E>> events, int firstAttempt) {
    BatchOutcome outcome = new BatchOutcome(stream);
    if (events.isEmpty()) {
      return outcome;
    }
    HandlerInvoker.Done<E> done =
        (list, deadLettered, nanos) -> done(list, outcome, deadLettered, nanos);
    if (batch) {
      invoker.handleBatch(events, firstAttempt, outcome, done);
    } else if (concurrency == 1) {
      for (int i = 0; i < events.size(); i++) {
        if (lifecycle.stopping()
            || !handleOne(events.get(i), i == 0 ? firstAttempt : 1, outcome, done)) {
          outcome.resumeAt(i);
          break;
        }
      }
    } else {
      dispatchConcurrently(events, outcome, done);
    }
    return outcome;
  }

  /** Returns how many events were handled (not dead-lettered) in this poller's life. */
  long handledTotal() {
    return handledTotal.get();
  }

  /** Lets the worker threads end; returns true if they did by {@code deadlineNanos}. */
  boolean awaitWorkers(long deadlineNanos) throws InterruptedException {
    ExecutorService pool;
    synchronized (lock) {
      pool = workers;
    }
    if (pool == null) {
      return true;
    }
    pool.shutdown();
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return pool.awaitTermination(Math.max(1, left), TimeUnit.MILLISECONDS);
  }

  /** Drops the work not yet started; returns 1 if there was any (threads left behind), else 0. */
  int abandonWorkers() {
    synchronized (lock) {
      if (workers == null) {
        return 0;
      }
      return workers.shutdownNow().size() + lanes.discardPending() > 0 ? 1 : 0;
    }
  }

  private boolean handleOne(
      PolledEvent<E> event, int firstAttempt, BatchOutcome outcome, HandlerInvoker.Done<E> done) {
    if (!committer.leaseHeld()) {
      outcome.leaseLost();
      return false;
    }
    return invoker.handleOne(event, firstAttempt, outcome, done);
  }

  private void dispatchConcurrently(
      List<PolledEvent<E>> events, BatchOutcome outcome, HandlerInvoker.Done<E> done) {
    KeyedSequentialExecutor keyed;
    synchronized (lock) {
      if (workers == null) {
        workers = Executors.newFixedThreadPool(concurrency, threads);
        lanes = new KeyedSequentialExecutor(workers, concurrency);
      }
      keyed = lanes;
    }
    CountDownLatch finished = new CountDownLatch(events.size());
    Set<String> stoppedKeys = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (PolledEvent<E> event : events) {
      keyed.execute(
          event.key(),
          () -> {
            try {
              if (stoppedKeys.contains(event.key())) {
                return; // an earlier event of this key did not get through
              }
              if (outcome.halt() != null // another key halted: stop after the events in flight
                  || lifecycle.stopping()
                  || !handleOne(event, 1, outcome, done)) {
                stoppedKeys.add(event.key());
              }
            } catch (RuntimeException | Error e) {
              stoppedKeys.add(event.key());
              failure.compareAndSet(null, e);
            } finally {
              finished.countDown();
            }
          });
    }
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventSyncException(
          "interrupted while waiting for the handlers of stream " + stream, e);
    }
    Throwable failed = failure.get();
    if (failed instanceof PollerHaltedException) {
      throw (PollerHaltedException) failed; // the store refused a commit
    }
    if (failed instanceof LeaseLapsed) {
      throw (LeaseLapsed) failed; // a commit fenced after the lease lapsed
    }
    if (failed != null) {
      throw new IllegalStateException("a handler task of stream " + stream + " failed", failed);
    }
  }

  private void done(
      List<PolledEvent<E>> events, BatchOutcome outcome, boolean deadLettered, long nanos) {
    Instant now = clock.instant();
    if (deadLettered) {
      outcome.deadLettered(events.size());
    } else {
      outcome.handled(events.size());
    }
    committer.markDone(events, commitEachEvent);
    if (deadLettered) {
      return;
    }
    handledTotal.addAndGet(events.size());
    long each = nanos / events.size();
    for (PolledEvent<E> event : events) {
      staleGuard.handled(event.event());
      listener.eventHandled(event.id(), event.createdAt(), now, each);
    }
  }
}
