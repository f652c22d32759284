package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an HTTP error status. The subclass names the status class; this class
 * carries what the vendor said: the status, its error code, its message, the request id and the raw
 * body (with secrets redacted).
 */
public class ApiException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;
  private final @Nullable String requestId;
  private final @Nullable String body;

  /**
   * Creates an exception for an HTTP error answer.
   *
   * @param message the full message, saying what failed and how to fix it
   * @param statusCode the HTTP status code
   * @param errorCode the vendor's error code ({@code message_code}, {@code type}, ...), or null
   * @param errorMessage the vendor's error message, or null
   * @param requestId the request id the vendor returned, or null
   * @param body the response body with secrets redacted, or null
   * @param attempts how many attempts were made
   */
  public ApiException(
      String message,
      int statusCode,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable String requestId,
      @Nullable String body,
      int attempts) {
    super(message, null, attempts);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
    this.body = body;
  }

  /** Returns the HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns the vendor's error code (for example TikiNOW's {@code message_code}), or null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** Returns the vendor's error message, or null if the body had none. */
  public @Nullable String errorMessage() {
    return errorMessage;
  }

  /**
   * Returns the vendor's request id (body or header), or null. Quote it to the vendor's support.
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /** Returns the response body as text with secrets redacted, or null if there was none. */
  public @Nullable String body() {
    return body;
  }
}
