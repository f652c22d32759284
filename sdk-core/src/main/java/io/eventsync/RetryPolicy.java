package io.eventsync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before trying a failed call again.
 *
 * <p>An attempt that fails in a retryable way (see {@link EventSyncClient}: connect failures
 * always; I/O errors after sending and HTTP 408, 500, 502 and 504 for idempotent calls only; 429
 * and 503 always) is tried again up to {@link #maxAttempts()} attempts in all. The wait before
 * attempt <i>n</i>+1 is a random duration between zero and {@code min(maxBackoff, initialBackoff ×
 * 2^(n-1))} ("full jitter"), or exactly what the server asked for in {@code Retry-After} when it
 * named a wait. A {@code Retry-After} longer than {@link #maxRetryAfter()} is not waited for: the
 * call fails at once with {@link RateLimitException} (or {@link ServerException}) carrying the
 * requested wait.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** Default {@link #maxAttempts()}: 4 (the first attempt and three retries). */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /** Default {@link #initialBackoff()}: 500 ms. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

  /** Default {@link #maxBackoff()}: 30 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Default {@link #maxRetryAfter()}: 60 s. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  /** The longest backoff or {@code Retry-After} a policy accepts: one day. */
  public static final Duration MAX_DURATION = Duration.ofDays(1);

  private static final RetryPolicy DEFAULTS = new Builder().build();
  private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
  }

  /** Returns the default policy: 4 attempts, 500 ms to 30 s full-jitter backoff. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** Returns a policy that never retries. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the maximum number of attempts, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the backoff bound before the second attempt. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** Returns the largest backoff bound. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Returns the longest {@code Retry-After} the policy waits for. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Returns the wait before the attempt after {@code failedAttempt} (1 for the first attempt): a
   * random duration in {@code [0, min(maxBackoff, initialBackoff × 2^(failedAttempt-1))]}.
   */
  public Duration backoff(int failedAttempt) {
    long max = maxBackoff.toMillis();
    long bound = initialBackoff.toMillis();
    for (int i = 1; i < failedAttempt && bound < max; i++) {
      bound = bound > max / 2 ? max : bound * 2; // saturates instead of overflowing
    }
    bound = Math.min(bound, max);
    return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RetryPolicy
        && ((RetryPolicy) o).maxAttempts == maxAttempts
        && ((RetryPolicy) o).initialBackoff.equals(initialBackoff)
        && ((RetryPolicy) o).maxBackoff.equals(maxBackoff)
        && ((RetryPolicy) o).maxRetryAfter.equals(maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + '}';
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

    Builder() {}

    Builder(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts;
      this.initialBackoff = policy.initialBackoff;
      this.maxBackoff = policy.maxBackoff;
      this.maxRetryAfter = policy.maxRetryAfter;
    }

    /**
     * Sets the maximum number of attempts, the first included; 1 disables retries. Default {@value
     * RetryPolicy#DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff bound before the second attempt; it doubles per attempt. Default 500 ms.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the largest backoff bound. Default 30 s.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets the longest server-requested {@code Retry-After} to wait for; a longer one fails the
     * call at once. Default 60 s.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalStateException if {@code initialBackoff} is larger than {@code maxBackoff}
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalStateException(
            "initialBackoff " + initialBackoff + " is larger than maxBackoff " + maxBackoff);
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + value);
      }
      if (value.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            name + " must be at most " + MAX_DURATION + " but was " + value);
      }
      return value;
    }
  }
}
