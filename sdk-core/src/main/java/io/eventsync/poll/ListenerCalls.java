package io.eventsync.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a poller's {@link PollerListener} for one stream: what a listener throws is logged and
 * ignored, never the poller's failure. The poller's parts call the listener only through this.
 */
final class ListenerCalls {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** The builder's default: no listener. Per-event calls to it are skipped, not made. */
  static final PollerListener NONE = new PollerListener() {};

  private final String stream;
  private final PollerListener listener;
  private final boolean none;

  ListenerCalls(String stream, PollerListener listener) {
    this.stream = stream;
    this.listener = listener;
    this.none = listener == NONE;
  }

  PollerListener listener() {
    return listener;
  }

  /** Runs {@code call}, logging what it throws. */
  void call(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("poller listener of stream {} threw; ignored", stream, e);
    }
  }

  void batchFetched(int fetched, int skipped) {
    call(() -> listener.batchFetched(stream, fetched, skipped));
  }

  void unreachable(Map<String, String> unreachable) {
    unreachable.forEach((id, reason) -> call(() -> listener.eventUnreachable(stream, id, reason)));
  }

  /**
   * An event was handled {@code now}; its lag is measured from its creation time, if it has one.
   */
  void eventHandled(String eventId, Instant createdAt, Instant now, long handlerNanos) {
    if (none) {
      return;
    }
    Duration lag = createdAt == null ? null : Duration.between(createdAt, now);
    Duration handlerTime = Duration.ofNanos(handlerNanos);
    call(() -> listener.eventHandled(stream, eventId, lag, handlerTime));
  }

  void committed(Checkpoint checkpoint, long commitNanos) {
    if (none) {
      return;
    }
    Duration commitTime = Duration.ofNanos(commitNanos);
    call(() -> listener.committed(stream, checkpoint, commitTime));
  }

  void retrying(String eventId, int attempt, Exception error, Duration backoff) {
    call(() -> listener.retrying(stream, eventId, attempt, error, backoff));
  }

  void deadLettered(DeadLetter letter) {
    call(() -> listener.deadLettered(stream, letter));
  }

  void halted(Throwable cause) {
    call(() -> listener.halted(stream, cause));
  }
}
