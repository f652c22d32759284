package io.eventsync.poll;

import io.eventsync.EventSyncException;

/** A checkpoint could not be read or stored; the message names the stream and where it is kept. */
public class CursorStoreException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CursorStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
