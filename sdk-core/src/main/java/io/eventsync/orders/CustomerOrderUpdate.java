package io.eventsync.orders;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One order to publish: the business unit, the order and, for Hii Retail's stale-guard, its
 * version. Sent as {@code PUT .../business-units/{businessUnitId}/customer-orders/{id}} with the
 * version in {@value CustomerOrdersApi#VERSION_HEADER}.
 *
 * @param businessUnitId the business unit
 * @param version the order's version (an update sequence or epoch millis, at least 0), or null to
 *     send none; a message older than the newest version processed for the same order is ignored
 * @param customerOrder the order
 */
public record CustomerOrderUpdate(
    String businessUnitId, @Nullable Long version, CustomerOrder customerOrder) {
  /** Checks the components. */
  public CustomerOrderUpdate {
    Objects.requireNonNull(businessUnitId, "businessUnitId == null");
    Objects.requireNonNull(customerOrder, "customerOrder == null");
    if (version != null && version < 0) {
      throw new IllegalArgumentException("version must not be negative but was " + version);
    }
  }

  /** Returns an update without a version. */
  public static CustomerOrderUpdate of(String businessUnitId, CustomerOrder order) {
    return new CustomerOrderUpdate(businessUnitId, null, order);
  }

  /** Returns an update with {@code version}. */
  public static CustomerOrderUpdate of(String businessUnitId, CustomerOrder order, long version) {
    return new CustomerOrderUpdate(businessUnitId, version, order);
  }

  /** Returns the key under which updates are kept in order: business unit and order id. */
  String key() {
    return businessUnitId + '/' + customerOrder.customerOrderId();
  }
}
