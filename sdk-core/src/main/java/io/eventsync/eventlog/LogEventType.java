package io.eventsync.eventlog;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The type of an events log row. Puro.earth documents one type today and says the list will grow,
 * so any other value is kept as an unknown type rather than rejected.
 */
public final class LogEventType extends OpenValue {
  private static final OpenValues<LogEventType> VALUES =
      new OpenValues<>("event type", LogEventType::new);

  /** A transaction's status changed (for example {@code PENDING} to {@code SUCCESS}). */
  public static final LogEventType TRANSACTION_STATUS_CHANGE =
      VALUES.known("TRANSACTION_STATUS_CHANGE");

  private LogEventType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static LogEventType of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented types. */
  public static List<LogEventType> knownValues() {
    return VALUES.knownValues();
  }
}
