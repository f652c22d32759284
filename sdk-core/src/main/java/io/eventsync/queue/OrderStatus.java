package io.eventsync.queue;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The status of a Tiki order in an order event's payload. The statuses Tiki documents are
 * constants; any other value is kept as an unknown status rather than rejected. Tiki says only
 * orders at or after {@link #QUEUEING} are meaningful to sellers.
 */
public final class OrderStatus extends OpenValue {
  private static final OpenValues<OrderStatus> VALUES =
      new OpenValues<>("order status", OrderStatus::new);

  /** {@code queueing}: the order was placed. */
  public static final OrderStatus QUEUEING = VALUES.known("queueing");

  /** {@code canceled}. */
  public static final OrderStatus CANCELED = VALUES.known("canceled");

  /** {@code complete}. */
  public static final OrderStatus COMPLETE = VALUES.known("complete");

  /** {@code successful_delivery}. */
  public static final OrderStatus SUCCESSFUL_DELIVERY = VALUES.known("successful_delivery");

  /** {@code processing}. */
  public static final OrderStatus PROCESSING = VALUES.known("processing");

  /** {@code waiting_payment}. */
  public static final OrderStatus WAITING_PAYMENT = VALUES.known("waiting_payment");

  /** {@code handover_to_partner}. */
  public static final OrderStatus HANDOVER_TO_PARTNER = VALUES.known("handover_to_partner");

  /** {@code closed}. */
  public static final OrderStatus CLOSED = VALUES.known("closed");

  /** {@code packaging}. */
  public static final OrderStatus PACKAGING = VALUES.known("packaging");

  /** {@code picking}. */
  public static final OrderStatus PICKING = VALUES.known("picking");

  /** {@code shipping}. */
  public static final OrderStatus SHIPPING = VALUES.known("shipping");

  /** {@code paid}. */
  public static final OrderStatus PAID = VALUES.known("paid");

  /** {@code delivered}. */
  public static final OrderStatus DELIVERED = VALUES.known("delivered");

  /** {@code holded} (Tiki's spelling). */
  public static final OrderStatus HOLDED = VALUES.known("holded");

  /** {@code ready_to_ship}. */
  public static final OrderStatus READY_TO_SHIP = VALUES.known("ready_to_ship");

  /** {@code payment_review}. */
  public static final OrderStatus PAYMENT_REVIEW = VALUES.known("payment_review");

  /** {@code returned}. */
  public static final OrderStatus RETURNED = VALUES.known("returned");

  /** {@code finished_packing}. */
  public static final OrderStatus FINISHED_PACKING = VALUES.known("finished_packing");

  private OrderStatus(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the status with this wire value: a constant if documented, else an unknown status.
   *
   * @throws IllegalArgumentException if blank
   */
  public static OrderStatus of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented statuses. */
  public static List<OrderStatus> knownValues() {
    return VALUES.knownValues();
  }
}
