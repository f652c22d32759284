package io.eventsync.jdbc;

import io.eventsync.poll.Lease;
import org.jspecify.annotations.Nullable;

/**
 * One stream's {@link Lease} in a {@link JdbcFleet}: a view of the state the fleet's renewal tick
 * maintains. Its methods never touch the database. Thread-safe: the poller calls it, the tick
 * updates it.
 */
final class FleetLease implements Lease {
  /** A holding as the tick last confirmed it: the epoch, and when that renewal started locally. */
  record Holding(long epoch, long startNanos) {}

  private final JdbcFleet fleet;
  private final String stream;

  private volatile @Nullable Holding holding; // null when not held
  private volatile long epoch;
  private volatile boolean closed;
  private volatile boolean releasing;
  private long releasingSince; // guarded by this
  private volatile boolean givenUp; // the poller was told to stop: tryAcquire() returned false
  private volatile boolean quiesced; // ... and it settled its commits (Lease.quiesced())

  FleetLease(JdbcFleet fleet, String stream) {
    this.fleet = fleet;
    this.stream = stream;
  }

  String stream() {
    return stream;
  }

  /**
   * Returns true if this replica holds the stream and may start a batch. A lease the fleet is
   * handing over returns false: the poller has finished its batch; once it says it settled its
   * commits ({@link #quiesced()}), the next tick releases the lease.
   */
  @Override
  public boolean tryAcquire() {
    synchronized (this) {
      if (!isHeld()) {
        return false;
      }
      if (releasing) {
        givenUp = true;
        return false;
      }
      return true;
    }
  }

  /** The poller settled its commits after being told to stop: the hand-off may proceed. */
  @Override
  public void quiesced() {
    synchronized (this) {
      if (givenUp) {
        quiesced = true;
      }
    }
  }

  /**
   * Returns true if this replica holds the stream: the last tick confirmed it less than the TTL
   * ago, by the local monotonic clock, and its poller has not given it up for a hand-off.
   */
  @Override
  public boolean isHeld() {
    Holding h = holding;
    return h != null
        && !closed
        && !givenUp
        && !fleet.isClosed()
        && fleet.nanoTime() - h.startNanos() < fleet.ttlNanos();
  }

  /** Returns the epoch of the current (or last) holding; 0 if the stream was never held here. */
  @Override
  public long epoch() {
    return epoch;
  }

  /**
   * Gives the stream up: this replica no longer wants it. The fleet releases it at its next tick.
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    fleet.unregister(this);
  }

  boolean isClosed() {
    return closed;
  }

  // ---- called by the tick (and close) of the fleet ----

  synchronized @Nullable Holding holding() {
    return holding;
  }

  /** Records a new holding (a takeover) or a renewal of the current one. */
  synchronized void held(long epoch, long startNanos) {
    Holding h = holding;
    if (h == null || h.epoch() != epoch) {
      releasing = false;
      givenUp = false;
      quiesced = false;
    }
    this.epoch = epoch;
    this.holding = new Holding(epoch, startNanos);
  }

  /** Forgets the holding: lost, released or abandoned. */
  synchronized void lost() {
    holding = null;
    releasing = false;
    givenUp = false;
    quiesced = false;
  }

  synchronized boolean isReleasing() {
    return releasing;
  }

  synchronized void releasing(long nowNanos) {
    if (!releasing) {
      releasing = true;
      releasingSince = nowNanos;
    }
  }

  /** Keeps the holding after all (the fair share grew), unless the poller already gave it up. */
  synchronized boolean cancelReleasing() {
    if (!releasing || givenUp) {
      return false;
    }
    releasing = false;
    return true;
  }

  /**
   * Returns true if the tick that started at {@code tickStart} should release this holding: its
   * poller stopped and settled its commits, or the hand-off has waited a whole TTL (a poller that
   * is not running, or a batch longer than the TTL, whose late commit is then fenced).
   */
  synchronized boolean dueForRelease(long tickStart, long ttlNanos) {
    if (!releasing) {
      return false;
    }
    return quiesced || tickStart - releasingSince >= ttlNanos;
  }

  @Override
  public String toString() {
    return "JdbcFleet lease(" + stream + " in fleet " + fleet.name() + ")";
  }
}
