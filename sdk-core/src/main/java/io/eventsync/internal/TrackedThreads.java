package io.eventsync.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ThreadFactory} that remembers the threads it made until they have ended, so that their
 * owner's {@code close()} can wait for them: an executor reports termination a moment before its
 * threads have ended. Thread-safe.
 */
public final class TrackedThreads implements ThreadFactory {
  private final ThreadFactory factory;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  public TrackedThreads(ThreadFactory factory) {
    this.factory = factory;
  }

  @Override
  public Thread newThread(Runnable runnable) {
    Thread thread = factory.newThread(runnable);
    threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
    threads.add(thread);
    return thread;
  }

  /**
   * Waits until every thread made so far has ended (the calling thread excepted), or until {@code
   * deadlineNanos} (a {@link System#nanoTime()} value) has passed.
   *
   * @return true if they all ended
   */
  public boolean awaitEnded(long deadlineNanos) {
    try {
      for (Thread thread : threads) {
        if (thread == Thread.currentThread()) {
          continue;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        thread.join(Math.max(1, left));
        if (thread.isAlive()) {
          return false;
        }
        threads.remove(thread);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
