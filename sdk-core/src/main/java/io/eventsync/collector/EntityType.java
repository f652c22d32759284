package io.eventsync.collector;

/** The kind of entity an event subscription watches ({@code entityType}). */
public enum EntityType {
  /** Customers. */
  CUSTOMER,
  /** Inventory levels. */
  INVENTORY_LEVEL,
  /** Inventory locations. */
  INVENTORY_LOCATION,
  /** Orders. */
  ORDER,
  /** Prices. */
  PRICE,
  /** Products. */
  PRODUCT,
  /** Product variants. */
  VARIANT_PRODUCT,
  /** Wishlists. */
  WISHLIST,
  /** A value this SDK version does not know; never sent. */
  UNKNOWN
}
