package io.eventsync.poll;

/** The life cycle of a {@link Poller}. */
public enum PollerState {
  /** Built, not started. */
  NEW,
  /** Polling (in the background after {@link Poller#start()}, or in a caller's pollOnce/drain). */
  RUNNING,
  /** Stopped on a failure; {@link Poller#failure()} says why. The cursor is before the failure. */
  HALTED,
  /** Closed. */
  CLOSED
}
