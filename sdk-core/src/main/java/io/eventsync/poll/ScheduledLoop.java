package io.eventsync.poll;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one poller's {@link FetchLoop} on a {@link PollerGroup}'s threads instead of a thread of
 * its own: each turn is one {@link FetchLoop#step()} on a worker, then the poller goes to the back
 * of the line (more to fetch) or waits on the group's timer (idle or error backoff) holding no
 * thread. A stop cuts the wait short. When the loop ends, it commits on its way out, as a poller's
 * own thread does, and tells whoever waits. Thread-safe; its lock is held only briefly.
 */
final class ScheduledLoop {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private final FetchLoop<?> loop;
  private final PollerLifecycle lifecycle;
  private final GroupThreads threads;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Object lock = new Object();

  private @Nullable ScheduledFuture<?> wait; // the wait before the next turn, if any

  ScheduledLoop(String stream, FetchLoop<?> loop, PollerLifecycle lifecycle, GroupThreads threads) {
    this.stream = stream;
    this.loop = loop;
    this.lifecycle = lifecycle;
    this.threads = threads;
  }

  /** Queues the first turn. */
  void start() {
    queueTurn();
  }

  /** Cuts the wait before the next turn short (after a stop): the loop ends on its next turn. */
  void wake() {
    synchronized (lock) {
      if (wait != null && wait.cancel(false)) {
        wait = null;
        queueTurn();
      }
    }
  }

  /** Waits until the loop ended; returns true if it did by {@code deadlineNanos}. */
  boolean awaitEnded(long deadlineNanos) throws InterruptedException {
    return ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Returns true once the loop ended and committed on its way out. */
  boolean hasEnded() {
    return ended.getCount() == 0;
  }

  private void turn() {
    FetchLoop.Next next;
    try {
      next = lifecycle.stopping() ? FetchLoop.Next.STOP : loop.step();
    } catch (RuntimeException | Error e) { // step() halts on what it does not expect; be sure
      log.warn("poller of stream {} failed unexpectedly in its group", stream, e);
      next = FetchLoop.Next.STOP;
    }
    if (next.stop()) {
      end();
      return;
    }
    Duration delay = next.delay();
    synchronized (lock) {
      wait = null;
      if (delay == null || delay.isZero() || lifecycle.stopping()) {
        queueTurn(); // to the back of the line: the others get their turn first
        return;
      }
      try {
        wait = threads.schedule(this::queueTurn, delay);
      } catch (RejectedExecutionException e) {
        end(); // the group shut down while this poller was not yet closed
      }
    }
  }

  /** Queues the next turn for a worker. */
  private void queueTurn() {
    try {
      threads.execute(this::turn);
    } catch (RejectedExecutionException e) {
      end(); // the group shut down while this poller was not yet closed
    }
  }

  private void end() {
    try {
      loop.finish();
    } finally {
      ended.countDown();
    }
  }
}
