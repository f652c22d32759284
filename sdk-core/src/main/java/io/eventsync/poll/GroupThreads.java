package io.eventsync.poll;

import io.eventsync.internal.DaemonThreads;
import io.eventsync.internal.TrackedThreads;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PollerGroup}'s threads: a bounded pool of workers that run the pollers' turns in the
 * order they became due (first in, first out, so a stream with a backlog goes to the back of the
 * line after each batch), and one timer thread that only hands waits that ran out back to the
 * workers. Nothing sleeps on a worker between turns. Thread-safe.
 */
final class GroupThreads {
  private final TrackedThreads threads;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final TrackedThreads timerThreads;

  GroupThreads(String name, int workerCount) {
    TrackedThreads workerThreads = new TrackedThreads(DaemonThreads.numbered(name));
    this.threads = workerThreads;
    this.workers =
        new ThreadPoolExecutor(
            workerCount,
            workerCount,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            workerThreads);
    this.workers.allowCoreThreadTimeOut(true); // an idle group keeps only its timer
    TrackedThreads timerThread =
        new TrackedThreads(runnable -> DaemonThreads.newThread(runnable, name + "-timer"));
    this.timer = new ScheduledThreadPoolExecutor(1, timerThread);
    this.timer.setRemoveOnCancelPolicy(true); // a cancelled wait of a closed poller is dropped
    this.timerThreads = timerThread;
  }

  /** Runs {@code turn} on a worker once one is free, after the turns queued before it. */
  void execute(Runnable turn) {
    workers.execute(turn);
  }

  /** Runs {@code handOn} on the timer once {@code delay} has passed; it must only queue work. */
  ScheduledFuture<?> schedule(Runnable handOn, Duration delay) {
    return timer.schedule(handOn, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Lets the threads end once idle; returns true if they all ended by {@code deadlineNanos}. */
  boolean shutdown(long deadlineNanos) {
    timer.shutdownNow(); // pollers are closed first: the waits left are of no one
    workers.shutdown();
    return threads.awaitEnded(deadlineNanos) && timerThreads.awaitEnded(deadlineNanos);
  }
}
