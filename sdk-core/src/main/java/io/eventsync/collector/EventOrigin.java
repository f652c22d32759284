package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * Where a collector event comes from ({@code event_source}). Named for what it is, so it does not
 * clash with the poller's {@code io.eventsync.poll.EventSource}.
 *
 * <p>Open: a value this SDK version does not know decodes to an instance that keeps the raw value
 * ({@link #isKnown()} is false) and is sent back as it was.
 */
public final class EventOrigin extends OpenValue {
  private static final OpenValues<EventOrigin> VALUES =
      new OpenValues<>("event_source", EventOrigin::new);

  /** The platform itself. */
  public static final EventOrigin SYSTEM = VALUES.known("SYSTEM");

  /** A connector (an integration). */
  public static final EventOrigin CONNECTOR = VALUES.known("CONNECTOR");

  /** An application. */
  public static final EventOrigin APPLICATION = VALUES.known("APPLICATION");

  /** A serverless function. */
  public static final EventOrigin SERVERLESS = VALUES.known("SERVERLESS");

  private EventOrigin(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the value with this wire value: a constant if documented, else an unknown value that
   * keeps it.
   *
   * @throws IllegalArgumentException if blank
   */
  public static EventOrigin of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented values. */
  public static List<EventOrigin> knownValues() {
    return VALUES.knownValues();
  }
}
