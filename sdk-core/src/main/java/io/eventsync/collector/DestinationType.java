package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * Where a subscription delivers ({@code destination.type}).
 *
 * <p>Open: a value this SDK version does not know decodes to an instance that keeps the raw value
 * ({@link #isKnown()} is false) and is sent back as it was.
 */
public final class DestinationType extends OpenValue {
  private static final OpenValues<DestinationType> VALUES =
      new OpenValues<>("destination.type", DestinationType::new);

  /** An AWS SQS queue. */
  public static final DestinationType SQS = VALUES.known("SQS");

  /** An AWS SNS topic. */
  public static final DestinationType SNS = VALUES.known("SNS");

  private DestinationType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the value with this wire value: a constant if documented, else an unknown value that
   * keeps it.
   *
   * @throws IllegalArgumentException if blank
   */
  public static DestinationType of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented values. */
  public static List<DestinationType> knownValues() {
    return VALUES.knownValues();
  }
}
