package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * What happened to the entity of a collector event ({@code event_payload.operation}).
 *
 * <p>Open: a value this SDK version does not know decodes to an instance that keeps the raw value
 * ({@link #isKnown()} is false) and is sent back as it was.
 */
public final class Operation extends OpenValue {
  private static final OpenValues<Operation> VALUES =
      new OpenValues<>("event_payload.operation", Operation::new);

  /** One entity was created. */
  public static final Operation CREATE = VALUES.known("CREATE");

  /** Several entities were updated. */
  public static final Operation BULK_UPDATE = VALUES.known("BULK_UPDATE");

  /** Several entities were created. */
  public static final Operation BULK_CREATE = VALUES.known("BULK_CREATE");

  /** An entity was read. */
  public static final Operation READ = VALUES.known("READ");

  /** An entity was deleted. */
  public static final Operation DELETE = VALUES.known("DELETE");

  /** An entity was updated. */
  public static final Operation UPDATE = VALUES.known("UPDATE");

  private Operation(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the value with this wire value: a constant if documented, else an unknown value that
   * keeps it.
   *
   * @throws IllegalArgumentException if blank
   */
  public static Operation of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented values. */
  public static List<Operation> knownValues() {
    return VALUES.knownValues();
  }
}
