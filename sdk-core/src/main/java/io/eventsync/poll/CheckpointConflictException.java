package io.eventsync.poll;

/**
 * Another writer committed the stream's checkpoint since this one loaded it: two pollers are
 * reading one stream, or this one was superseded. The poller that gets it stops without moving the
 * cursor.
 */
public class CheckpointConflictException extends CursorStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CheckpointConflictException(String message) {
    super(message, null);
  }
}
