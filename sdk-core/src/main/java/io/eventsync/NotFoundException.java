package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * HTTP 404: the resource (a queue, a subscription, an event, a job) does not exist for this caller.
 */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public NotFoundException(
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
