package io.eventsync;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * HTTP 429: too many requests. The SDK already waited and retried as the server's {@code
 * Retry-After} asked, within the {@link RetryPolicy}; {@link #retryAfter()} says how long the
 * server asked to wait before the next attempt.
 */
public class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public RateLimitException(
      String message,
      int statusCode,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable String requestId,
      @Nullable String body,
      int attempts,
      @Nullable Duration retryAfter) {
    super(message, statusCode, errorCode, errorMessage, requestId, body, attempts);
    this.retryAfter = retryAfter;
  }

  /** Returns the wait the server asked for in {@code Retry-After}, or null if it named none. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
