package io.eventsync;

/**
 * A response body was larger than the client's {@link EventSyncClient.Builder#maxResponseSize
 * maximum response size}, by its declared {@code Content-Length} or by the bytes that arrived. The
 * SDK stopped reading and dropped the connection, so the body was not kept: an endless or huge
 * answer costs at most the limit in memory.
 *
 * <p>It is an {@link ApiConnectionException} because, as for a cut connection, the answer was
 * abandoned unread while the request may have had its effect on the server; code that backs off and
 * tries again after a network failure (a poller does) handles it the same way. The SDK itself does
 * not repeat the call at once, since the same answer would most likely come again. If such answers
 * are legitimate, raise the limit with {@link EventSyncClient.Builder#maxResponseSize}.
 */
public class ResponseTooLargeException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  private final long maxBytes;

  /**
   * Creates the exception.
   *
   * @param message what was being read, the limit and how to raise it
   * @param maxBytes the limit that was exceeded, in bytes
   * @param attempts how many attempts were made
   */
  public ResponseTooLargeException(String message, long maxBytes, int attempts) {
    super(message, null, attempts);
    this.maxBytes = maxBytes;
  }

  /** Returns the limit that was exceeded, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }
}
