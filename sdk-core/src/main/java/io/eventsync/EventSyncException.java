package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception the SDK throws for a failed operation. Unchecked; the subclass says
 * what kind of failure it was and what to do about it.
 */
public class EventSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  /** Creates an exception for a failure after {@code attempts} attempts (1 when not retried). */
  public EventSyncException(String message, @Nullable Throwable cause, int attempts) {
    super(attempts > 1 ? message + " (after " + attempts + " attempts)" : message, cause);
    this.attempts = attempts;
  }

  /** Creates an exception for a failure on the first attempt. */
  public EventSyncException(String message, @Nullable Throwable cause) {
    this(message, cause, 1);
  }

  /** Creates an exception for a failure on the first attempt. */
  public EventSyncException(String message) {
    this(message, null, 1);
  }

  /** Returns how many attempts were made before giving up; 1 if the operation was not retried. */
  public int attempts() {
    return attempts;
  }
}
