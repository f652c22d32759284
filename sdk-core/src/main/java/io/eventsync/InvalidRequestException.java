package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * HTTP 400, 405, 409 or 422: the server rejected the request as invalid; the message says which
 * part.
 */
public class InvalidRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public InvalidRequestException(
      String message,
      int statusCode,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable String requestId,
      @Nullable String body,
      int attempts) {
    super(message, statusCode, errorCode, errorMessage, requestId, body, attempts);
  }
}
