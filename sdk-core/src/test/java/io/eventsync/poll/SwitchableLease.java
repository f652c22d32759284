package io.eventsync.poll;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A lease a test holds or loses at will, at the epoch it sets. */
final class SwitchableLease implements Lease {
  final AtomicBoolean held = new AtomicBoolean(true);
  final AtomicLong epoch = new AtomicLong(1);

  @Override
  public boolean tryAcquire() {
    return held.get();
  }

  @Override
  public boolean isHeld() {
    return held.get();
  }

  @Override
  public long epoch() {
    return epoch.get();
  }

  @Override
  public void close() {}
}
