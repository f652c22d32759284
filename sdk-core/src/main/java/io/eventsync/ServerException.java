package io.eventsync;

import java.time.Duration;

/**
 * HTTP 5xx: the server failed. Idempotent calls were already retried per the {@link RetryPolicy};
 * {@link #retryAfter()} says how long a 503's {@code Retry-After} asked to wait.
 */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public ServerException(
      String message,
      int statusCode,
      String errorCode,
      String errorMessage,
      String requestId,
      String body,
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
      String errorCode,
      String errorMessage,
      String requestId,
      String body,
      int attempts,
      Duration retryAfter) {
    super(message, statusCode, errorCode, errorMessage, requestId, body, attempts);
    this.retryAfter = retryAfter;
  }

  /** Returns the wait the server asked for in {@code Retry-After} (a 503's), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
