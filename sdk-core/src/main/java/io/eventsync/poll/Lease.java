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

  /**
   * Tells the lease that its poller has stopped after {@link #tryAcquire()} returned false: every
   * commit the poller had in flight is settled, and it hands nothing over and commits nothing until
   * it acquires the lease again. A lease that hands streams over (a {@code JdbcFleet}'s) releases
   * only then, so that no commit in flight is fenced. The default does nothing.
   */
  default void quiesced() {}

  /** Releases the lease if held, so another holder can take over at once. */
  @Override
  void close();
}
