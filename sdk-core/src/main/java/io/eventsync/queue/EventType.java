package io.eventsync.queue;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The type of a Tiki event-queue event. The documented types are constants; Tiki says the list
 * grows, so any other value is kept as an unknown type rather than rejected.
 */
public final class EventType extends OpenValue {
  private static final OpenValues<EventType> VALUES =
      new OpenValues<>("event type", EventType::new);

  /** An order reached status {@code queueing} (placed successfully). */
  public static final EventType ORDER_CREATED_SUCCESSFULLY =
      VALUES.known("ORDER_CREATED_SUCCESSFULLY");

  /** An order's status changed. */
  public static final EventType ORDER_STATUS_UPDATED = VALUES.known("ORDER_STATUS_UPDATED");

  /** A product's price changed. */
  public static final EventType PRODUCT_PRICE_UPDATED = VALUES.known("PRODUCT_PRICE_UPDATED");

  /** A product's market price changed. */
  public static final EventType PRODUCT_MARKET_PRICE_UPDATED =
      VALUES.known("PRODUCT_MARKET_PRICE_UPDATED");

  /** A product's inventory changed. */
  public static final EventType PRODUCT_INVENTORY_UPDATED =
      VALUES.known("PRODUCT_INVENTORY_UPDATED");

  private EventType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static EventType of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented types. */
  public static List<EventType> knownValues() {
    return VALUES.knownValues();
  }
}
