package io.eventsync.eventlog;

import io.eventsync.OpenValue;
import java.util.List;
import java.util.Objects;

/**
 * The type of an events log row. Puro.earth documents one type today and says the list will grow.
 */
public final class LogEventType extends OpenValue {
  /** A transaction's status changed (for example {@code PENDING} to {@code SUCCESS}). */
  public static final LogEventType TRANSACTION_STATUS_CHANGE =
      new LogEventType("TRANSACTION_STATUS_CHANGE", true);

  private static final List<LogEventType> KNOWN = List.of(TRANSACTION_STATUS_CHANGE);

  private LogEventType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static LogEventType of(String value) {
    Objects.requireNonNull(value, "value == null");
    for (LogEventType known : KNOWN) {
      if (known.value().equals(value)) {
        return known;
      }
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("event type is blank");
    }
    return new LogEventType(value, false);
  }

  /** Returns the documented types. */
  public static List<LogEventType> knownValues() {
    return KNOWN;
  }
}
