package io.eventsync;

/**
 * HTTP 5xx: the server failed. Idempotent calls were already retried per the {@link RetryPolicy}.
 */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public ServerException(
      String message,
      int statusCode,
      String errorCode,
      String errorMessage,
      String requestId,
      String body,
      int attempts) {
    super(message, statusCode, errorCode, errorMessage, requestId, body, attempts);
  }
}
