package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * HTTP 403: the credentials are valid but lack the right to do this (a role, a scope or a tenant).
 */
public class PermissionException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public PermissionException(
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
