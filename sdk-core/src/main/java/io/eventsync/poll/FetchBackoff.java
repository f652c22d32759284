package io.eventsync.poll;

import io.eventsync.RateLimitException;
import io.eventsync.ServerException;
import java.time.Duration;

/**
 * How long a poller waits after its {@code n}-th fetch failure in a row: its error backoff,
 * doubling per failure up to the largest, but never less than what the server asked for in {@code
 * Retry-After} (a 429's or a 503's), capped by {@code maxRetryAfter}. Immutable.
 */
final class FetchBackoff {
  private final Duration initial;
  private final Duration max;
  private final Duration maxRetryAfter;

  FetchBackoff(Duration initial, Duration max, Duration maxRetryAfter) {
    this.initial = initial;
    this.max = max;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Returns the wait after the {@code failures}-th failure in a row, which was {@code error}. */
  Duration after(int failures, Throwable error) {
    long millis = initial.toMillis();
    for (int i = 1; i < failures && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    Duration own = Duration.ofMillis(Math.min(millis, max.toMillis()));
    Duration asked = retryAfter(error);
    if (asked == null) {
      return own;
    }
    Duration server = asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    return server.compareTo(own) > 0 ? server : own;
  }

  /** Returns the wait the server asked for with {@code error}, or null. */
  static Duration retryAfter(Throwable error) {
    if (error instanceof RateLimitException) {
      return ((RateLimitException) error).retryAfter();
    }
    if (error instanceof ServerException) {
      return ((ServerException) error).retryAfter();
    }
    return null;
  }
}
