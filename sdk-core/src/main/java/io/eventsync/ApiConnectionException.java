package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * The request could not be completed over the network: the connection failed, was reset or timed
 * out. The request may or may not have reached the server; calls that are safe to repeat were
 * already retried per the {@link RetryPolicy}.
 */
public class ApiConnectionException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ApiConnectionException(String message, @Nullable Throwable cause, int attempts) {
    super(message, cause, attempts);
  }
}
