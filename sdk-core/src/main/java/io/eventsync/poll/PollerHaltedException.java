package io.eventsync.poll;

import io.eventsync.EventSyncException;

/**
 * The poller stopped on a failure it must not skip: a handler that still failed after its retries
 * under {@link FailurePolicy#halt()}, a dead-letter sink or cursor store that failed, or another
 * poller that took the cursor. The checkpoint stays before the failed event.
 */
public class PollerHaltedException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final String eventId;

  /**
   * Creates the exception.
   *
   * @param eventId the event it halted on, or null if it halted outside an event
   */
  public PollerHaltedException(String message, String stream, String eventId, Throwable cause) {
    super(message, cause);
    this.stream = stream;
    this.eventId = eventId;
  }

  /** Returns the stream. */
  public String stream() {
    return stream;
  }

  /** Returns the id of the event the poller halted on, or null. */
  public String eventId() {
    return eventId;
  }
}
