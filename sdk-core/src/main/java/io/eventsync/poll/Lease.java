package io.eventsync.poll;

/**
 * A lock that lets exactly one poller of a fleet read a stream at a time, with a fencing token. A
 * poller given a lease ({@link PollerBuilder#lease}) fetches only while {@link #isHeld()}, stops
 * handing over events the moment it is not, and commits with {@link #epoch()} so that a paused,
 * superseded holder cannot move the cursor. Implementations are thread-safe.
 */
public interface Lease extends AutoCloseable {
  /**
   * Acquires the lease if it is free or expired, or confirms this holder still has it.
   *
   * @return true if this holder holds the lease now
   */
  boolean tryAcquire();

  /** Returns true if this holder holds the lease and its last renewal has not expired. */
  boolean isHeld();

  /** Returns the fencing token of the current holding: larger on every takeover. */
  long epoch();

  /** Releases the lease if held, so another holder can take over at once. */
  @Override
  void close();
}
