package io.eventsync.poll;

import io.eventsync.poll.CloseReport.Abandoned;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poller's loop is busy with (a fetch, an event in a handler, a commit, or nothing), so that
 * a {@link Poller#close} that runs out of time can say what it abandoned. Thread-safe.
 */
final class LoopActivity {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private volatile Abandoned busyWith = Abandoned.NOTHING;

  /** Records that the loop now does {@code work} ({@link Abandoned#NOTHING}: nothing). */
  void set(Abandoned work) {
    busyWith = work;
  }

  /** Returns what the loop is doing. */
  Abandoned get() {
    return busyWith;
  }

  /** Logs what a loop that did not stop within {@code timeout} was left doing; returns it. */
  Abandoned warnNotStopped(String stream, Duration timeout) {
    Abandoned busy = busyWith;
    switch (busy) {
      case EVENT:
        log.warn(
            "poller of stream {} did not stop within {}; its event in flight will be handed over"
                + " again",
            stream,
            timeout);
        break;
      case FETCH:
        log.warn(
            "poller of stream {} did not stop within {}: its fetch did not end when cancelled;"
                + " nothing of it was handed over",
            stream,
            timeout);
        break;
      case COMMIT:
        log.warn(
            "poller of stream {} did not stop within {}: its last commit did not finish; what it"
                + " held may be handed over again",
            stream,
            timeout);
        break;
      default:
        log.warn("poller of stream {} did not stop within {}", stream, timeout);
    }
    return busy;
  }
}
