package io.eventsync;

/**
 * HTTP 403: the credentials are valid but lack the right to do this (a role, a scope or a tenant).
 */
public class PermissionException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link ApiException#ApiException}. */
  public PermissionException(
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
