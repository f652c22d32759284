package io.eventsync.testing;

import io.eventsync.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that records each requested wait and returns at once. */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  /** Returns the waits requested so far, in order. */
  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
