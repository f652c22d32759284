package io.eventsync.jdbc;

import io.eventsync.poll.CheckpointConflictException;

/**
 * A checkpoint commit carried a lease epoch (fencing token) older than the newest the store has
 * seen for the stream: another poller took the lease over since, so this one was paused or cut off
 * and must stop. Nothing of the refused transaction was committed; the new holder hands the events
 * over again.
 */
public final class FencedException extends CheckpointConflictException {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final long staleEpoch;
  private final long currentEpoch;

  /**
   * Creates the exception.
   *
   * @param stream the stream whose checkpoint was refused
   * @param staleEpoch the epoch this writer committed with
   * @param currentEpoch the newest epoch the store has seen for the stream
   */
  public FencedException(String stream, long staleEpoch, long currentEpoch) {
    super(
        "checkpoint of stream \""
            + stream
            + "\" is fenced: this writer's lease epoch "
            + staleEpoch
            + " is older than epoch "
            + currentEpoch
            + " of the poller that took the lease over; nothing was committed and this poller"
            + " must stop");
    this.stream = stream;
    this.staleEpoch = staleEpoch;
    this.currentEpoch = currentEpoch;
  }

  /** Returns the stream whose checkpoint was refused. */
  public String stream() {
    return stream;
  }

  /** Returns the epoch this writer committed with. */
  public long staleEpoch() {
    return staleEpoch;
  }

  /** Returns the newest epoch the store has seen for the stream. */
  public long currentEpoch() {
    return currentEpoch;
  }
}
