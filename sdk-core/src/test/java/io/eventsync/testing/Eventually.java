package io.eventsync.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true, checking it every few milliseconds. */
public final class Eventually {
  private Eventually() {}

  /**
   * Returns once {@code condition} holds; fails with {@code what} if it does not within {@code
   * timeout}.
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
