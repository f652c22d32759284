package io.eventsync.orders;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * A customer order's status. Open: Hii Retail documents only {@code CREATED}, so any other value is
 * kept as an unknown status rather than rejected.
 */
public final class CustomerOrderStatus extends OpenValue {
  private static final OpenValues<CustomerOrderStatus> VALUES =
      new OpenValues<>("status", CustomerOrderStatus::new);

  /** The order was created. */
  public static final CustomerOrderStatus CREATED = VALUES.known("CREATED");

  private CustomerOrderStatus(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the status with this wire value: a constant if documented, else an unknown status.
   *
   * @throws IllegalArgumentException if blank
   */
  public static CustomerOrderStatus of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented statuses. */
  public static List<CustomerOrderStatus> knownValues() {
    return VALUES.knownValues();
  }
}
