package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The type of a collector event ({@code event_type}). Open: the vendor's documentation contradicts
 * itself (its examples use {@code ENTITY_EVENT} and {@code FAULT}, its reference lists entity
 * kinds), so the values seen in either are constants and any other value is kept as an unknown type
 * rather than rejected.
 */
public final class CollectorEventType extends OpenValue {
  private static final OpenValues<CollectorEventType> VALUES =
      new OpenValues<>("event_type", CollectorEventType::new);

  /** An entity changed (the value every documented example uses). */
  public static final CollectorEventType ENTITY_EVENT = VALUES.known("ENTITY_EVENT");

  /** A fault (an operation failed; the fault travels in {@code base64_encoded_fault_json}). */
  public static final CollectorEventType FAULT = VALUES.known("FAULT");

  /** An order. */
  public static final CollectorEventType ORDER = VALUES.known("ORDER");

  /** An order entry. */
  public static final CollectorEventType ORDER_ENTRY = VALUES.known("ORDER_ENTRY");

  /** A customer. */
  public static final CollectorEventType CUSTOMER = VALUES.known("CUSTOMER");

  /** An address. */
  public static final CollectorEventType ADDRESS = VALUES.known("ADDRESS");

  /** A product. */
  public static final CollectorEventType PRODUCT = VALUES.known("PRODUCT");

  /** A product variant. */
  public static final CollectorEventType VARIANT_PRODUCT = VALUES.known("VARIANT_PRODUCT");

  /** An inventory level. */
  public static final CollectorEventType INVENTORY_LEVEL = VALUES.known("INVENTORY_LEVEL");

  /** An inventory location. */
  public static final CollectorEventType INVENTORY_LOCATION = VALUES.known("INVENTORY_LOCATION");

  /** An inventory item. */
  public static final CollectorEventType INVENTORY_ITEM = VALUES.known("INVENTORY_ITEM");

  /** A store. */
  public static final CollectorEventType STORE = VALUES.known("STORE");

  /** A merchant. */
  public static final CollectorEventType MERCHANT = VALUES.known("MERCHANT");

  /** A wishlist. */
  public static final CollectorEventType WISHLIST = VALUES.known("WISHLIST");

  /** A wishlist item. */
  public static final CollectorEventType WISHLIST_ITEM = VALUES.known("WISHLIST_ITEM");

  /** Anything else. */
  public static final CollectorEventType OTHER = VALUES.known("OTHER");

  /** A generic event. */
  public static final CollectorEventType EVENT = VALUES.known("EVENT");

  private CollectorEventType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the type with this wire value: a constant if documented, else an unknown type.
   *
   * @throws IllegalArgumentException if blank
   */
  public static CollectorEventType of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented types. */
  public static List<CollectorEventType> knownValues() {
    return VALUES.knownValues();
  }
}
