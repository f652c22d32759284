package io.eventsync.collector;

import io.eventsync.OpenValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The type of a collector event ({@code event_type}). Open: the vendor's documentation contradicts
 * itself (its examples use {@code ENTITY_EVENT} and {@code FAULT}, its reference lists entity
 * kinds), so the values seen in either are constants and any other value is kept as an unknown type
 * rather than rejected.
 */
public final class CollectorEventType extends OpenValue {
  /** An entity changed (the value every documented example uses). */
  public static final CollectorEventType ENTITY_EVENT = known("ENTITY_EVENT");

  /** A fault (an operation failed; the fault travels in {@code base64_encoded_fault_json}). */
  public static final CollectorEventType FAULT = known("FAULT");

  /** An order. */
  public static final CollectorEventType ORDER = known("ORDER");

  /** An order entry. */
  public static final CollectorEventType ORDER_ENTRY = known("ORDER_ENTRY");

  /** A customer. */
  public static final CollectorEventType CUSTOMER = known("CUSTOMER");

  /** An address. */
  public static final CollectorEventType ADDRESS = known("ADDRESS");

  /** A product. */
  public static final CollectorEventType PRODUCT = known("PRODUCT");

  /** A product variant. */
  public static final CollectorEventType VARIANT_PRODUCT = known("VARIANT_PRODUCT");

  /** An inventory level. */
  public static final CollectorEventType INVENTORY_LEVEL = known("INVENTORY_LEVEL");

  /** An inventory location. */
  public static final CollectorEventType INVENTORY_LOCATION = known("INVENTORY_LOCATION");

  /** An inventory item. */
  public static final CollectorEventType INVENTORY_ITEM = known("INVENTORY_ITEM");

  /** A store. */
  public static final CollectorEventType STORE = known("STORE");

  /** A merchant. */
  public static final CollectorEventType MERCHANT = known("MERCHANT");

  /** A wishlist. */
  public static final CollectorEventType WISHLIST = known("WISHLIST");

  /** A wishlist item. */
  public static final CollectorEventType WISHLIST_ITEM = known("WISHLIST_ITEM");

  /** Anything else. */
  public static final CollectorEventType OTHER = known("OTHER");

  /** A generic event. */
  public static final CollectorEventType EVENT = known("EVENT");

  private static final List<CollectorEventType> KNOWN =
      List.of(
          ENTITY_EVENT,
          FAULT,
          ORDER,
          ORDER_ENTRY,
          CUSTOMER,
          ADDRESS,
          PRODUCT,
          VARIANT_PRODUCT,
          INVENTORY_LEVEL,
          INVENTORY_LOCATION,
          INVENTORY_ITEM,
          STORE,
          MERCHANT,
          WISHLIST,
          WISHLIST_ITEM,
          OTHER,
          EVENT);
  private static final Map<String, CollectorEventType> BY_VALUE =
      KNOWN.stream().collect(Collectors.toMap(CollectorEventType::value, Function.identity()));

  private CollectorEventType(String value, boolean known) {
    super(value, known);
  }

  private static CollectorEventType known(String value) {
    return new CollectorEventType(value, true);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static CollectorEventType of(String value) {
    Objects.requireNonNull(value, "value == null");
    CollectorEventType known = BY_VALUE.get(value);
    if (known != null) {
      return known;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("event_type is blank");
    }
    return new CollectorEventType(value, false);
  }

  /** Returns the documented types. */
  public static List<CollectorEventType> knownValues() {
    return KNOWN;
  }
}
