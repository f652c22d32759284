package io.eventsync.orders;

import io.eventsync.OpenValue;
import java.util.List;
import java.util.Objects;

/**
 * A customer order's status. Open: Hii Retail documents only {@code CREATED}, so any other value is
 * kept as an unknown status rather than rejected.
 */
public final class CustomerOrderStatus extends OpenValue {
  /** The order was created. */
  public static final CustomerOrderStatus CREATED = new CustomerOrderStatus("CREATED", true);

  private static final List<CustomerOrderStatus> KNOWN = List.of(CREATED);

  private CustomerOrderStatus(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the status with this wire value: a constant if documented, else an unknown status.
   *
   * @throws IllegalArgumentException if blank
   */
  public static CustomerOrderStatus of(String value) {
    Objects.requireNonNull(value, "value == null");
    if (value.equals(CREATED.value())) {
      return CREATED;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("status is blank");
    }
    return new CustomerOrderStatus(value, false);
  }

  /** Returns the documented statuses. */
  public static List<CustomerOrderStatus> knownValues() {
    return KNOWN;
  }
}
