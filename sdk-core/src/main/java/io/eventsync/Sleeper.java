package io.eventsync;

import java.time.Duration;

/**
 * Waits between retry attempts and poll cycles. The default sleeps the calling thread; tests inject
 * one that records the requested waits and returns at once, so no test sleeps for real.
 */
@FunctionalInterface
public interface Sleeper {
  /** The sleeper that blocks the calling thread with {@link Thread#sleep(long)}. */
  Sleeper SYSTEM =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis());
        }
      };

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
