package io.eventsync.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A thread factory whose threads stay alive for a while after their task has ended, as an
 * executor's worker does for a moment after the executor reports termination: a {@code close()}
 * that only waits for its executor returns while they are still alive.
 */
public final class LingeringThreads {
  private LingeringThreads() {}

  /** Returns daemon threads that linger for {@code linger}, each also added to {@code started}. */
  public static ThreadFactory lingering(Duration linger, List<Thread> started) {
    return runnable -> {
      Thread thread =
          new Thread(
              () -> {
                runnable.run();
                sleepThroughInterrupts(linger);
              });
      thread.setDaemon(true);
      started.add(thread);
      return thread;
    };
  }

  private static void sleepThroughInterrupts(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        // an executor's shutdownNow interrupts its threads; keep lingering
      }
    }
  }
}
