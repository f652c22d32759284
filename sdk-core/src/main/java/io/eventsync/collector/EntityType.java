package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The kind of entity an event subscription watches ({@code entityType}).
 *
 * <p>Open: a value this SDK version does not know decodes to an instance that keeps the raw value
 * ({@link #isKnown()} is false) and is sent back as it was.
 */
public final class EntityType extends OpenValue {
  private static final OpenValues<EntityType> VALUES =
      new OpenValues<>("entityType", EntityType::new);

  /** Customers. */
  public static final EntityType CUSTOMER = VALUES.known("CUSTOMER");

  /** Inventory levels. */
  public static final EntityType INVENTORY_LEVEL = VALUES.known("INVENTORY_LEVEL");

  /** Inventory locations. */
  public static final EntityType INVENTORY_LOCATION = VALUES.known("INVENTORY_LOCATION");

  /** Orders. */
  public static final EntityType ORDER = VALUES.known("ORDER");

  /** Prices. */
  public static final EntityType PRICE = VALUES.known("PRICE");

  /** Products. */
  public static final EntityType PRODUCT = VALUES.known("PRODUCT");

  /** Product variants. */
  public static final EntityType VARIANT_PRODUCT = VALUES.known("VARIANT_PRODUCT");

  /** Wishlists. */
  public static final EntityType WISHLIST = VALUES.known("WISHLIST");

  private EntityType(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the value with this wire value: a constant if documented, else an unknown value that
   * keeps it.
   *
   * @throws IllegalArgumentException if blank
   */
  public static EntityType of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented values. */
  public static List<EntityType> knownValues() {
    return VALUES.knownValues();
  }
}
