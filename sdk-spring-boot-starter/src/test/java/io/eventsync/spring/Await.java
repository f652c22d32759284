package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a poller's thread does; polls a condition instead of sleeping out a backoff. */
final class Await {
  private Await() {}

  /** Returns once {@code condition} holds; fails the test if it does not within {@code timeout}. */
  static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited " + timeout).isLessThan(deadline);
      Thread.sleep(20); // the poller's thread, not a backoff
    }
  }
}
