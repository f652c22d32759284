package io.eventsync.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox retries a TikiNOW webhook delivery that got a 5xx or no answer: at most {@code
 * maxAttempts} attempts in all, waiting {@code initialBackoff} after the first failure and doubling
 * up to {@code maxBackoff}. A 4xx answer is final and never retried.
 *
 * @param maxAttempts attempts in all, first one included; at least 1
 * @param initialBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait between two attempts
 */
public record DeliveryRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  /** 5 attempts, 1 s then doubling up to 30 s. */
  public static final DeliveryRetryPolicy DEFAULT =
      new DeliveryRetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or a duration is negative
   */
  public DeliveryRetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoffs must not be negative");
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
  public Duration backoffAfter(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
