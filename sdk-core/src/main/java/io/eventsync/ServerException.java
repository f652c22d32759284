package io.eventsync;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * HTTP 5xx: the server failed. Idempotent calls were already retried per the {@link RetryPolicy};
 * {@link #retryAfter()} says how long a 503's {@code Retry-After} asked to wait.
 */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public ServerException(
      String message,
      int statusCode,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable String requestId,
      @Nullable String body,
      int attempts) {
    this(message, statusCode, errorCode, errorMessage, requestId, body, attempts, null);
  }

  /**
   * Creates the exception; see {@link ApiException#ApiException}.
   *
   * @param retryAfter the wait the server asked for in {@code Retry-After}, or null
   */
  public ServerException(
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

  /** Returns the wait the server asked for in {@code Retry-After} (a 503's), or null. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
