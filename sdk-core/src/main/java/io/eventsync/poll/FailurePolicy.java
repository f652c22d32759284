package io.eventsync.poll;

import java.util.Objects;

/**
 * What the poller does with an event whose handler still fails after its retries. Either way the
 * event is never lost. Immutable.
 */
public final class FailurePolicy {
  private static final FailurePolicy HALT = new FailurePolicy(null);

  private final DeadLetterSink sink;

  private FailurePolicy(DeadLetterSink sink) {
    this.sink = sink;
  }

  /**
   * Stops the poller (the default): the cursor stays before the failed event, which is handed over
   * again when a poller next starts. Use when events must be applied strictly in order.
   */
  public static FailurePolicy halt() {
    return HALT;
  }

  /**
   * Stores the event and its error in {@code sink} and goes on; {@link Poller#replayDeadLetters()}
   * handles them again later. If the sink itself fails, the poller halts.
   */
  public static FailurePolicy deadLetter(DeadLetterSink sink) {
    return new FailurePolicy(Objects.requireNonNull(sink, "sink == null"));
  }

  /** Returns the dead-letter sink, or null for {@link #halt()}. */
  public DeadLetterSink sink() {
    return sink;
  }

  @Override
  public String toString() {
    return sink == null ? "FailurePolicy.halt()" : "FailurePolicy.deadLetter(" + sink + ")";
  }
}
