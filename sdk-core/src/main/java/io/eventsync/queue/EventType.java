package io.eventsync.queue;

import io.eventsync.OpenValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The type of a Tiki event-queue event. The documented types are constants; Tiki says the list
 * grows, so any other value is kept as an unknown type rather than rejected.
 */
public final class EventType extends OpenValue {
  /** An order reached status {@code queueing} (placed successfully). */
  public static final EventType ORDER_CREATED_SUCCESSFULLY =
      new EventType("ORDER_CREATED_SUCCESSFULLY", true);

  /** An order's status changed. */
  public static final EventType ORDER_STATUS_UPDATED = new EventType("ORDER_STATUS_UPDATED", true);

  /** A product's price changed. */
  public static final EventType PRODUCT_PRICE_UPDATED =
      new EventType("PRODUCT_PRICE_UPDATED", true);

  /** A product's market price changed. */
  public static final EventType PRODUCT_MARKET_PRICE_UPDATED =
      new EventType("PRODUCT_MARKET_PRICE_UPDATED", true);

  /** A product's inventory changed. */
  public static final EventType PRODUCT_INVENTORY_UPDATED =
      new EventType("PRODUCT_INVENTORY_UPDATED", true);

  private static final List<EventType> KNOWN =
      List.of(
          ORDER_CREATED_SUCCESSFULLY,
          ORDER_STATUS_UPDATED,
          PRODUCT_PRICE_UPDATED,
          PRODUCT_MARKET_PRICE_UPDATED,
          PRODUCT_INVENTORY_UPDATED);
  private static final Map<String, EventType> BY_VALUE =
      KNOWN.stream().collect(Collectors.toMap(EventType::value, Function.identity()));

  private EventType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static EventType of(String value) {
    Objects.requireNonNull(value, "value == null");
    EventType known = BY_VALUE.get(value);
    if (known != null) {
      return known;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("event type is blank");
    }
    return new EventType(value, false);
  }

  /** Returns the documented types. */
  public static List<EventType> knownValues() {
    return KNOWN;
  }
}
