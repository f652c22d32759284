package io.eventsync.collector;

/** The kind of email a notification job sends ({@code notification}). */
public enum Notification {
  /** A reminder of the wishlist. */
  REMINDER,
  /** A wishlist item's price dropped. */
  PRICE_DROP,
  /** A wishlist item is low on stock. */
  LOW_STOCK,
  /** A wishlist item is back in stock. */
  BACK_IN_STOCK,
  /** A value this SDK version does not know; never sent. */
  UNKNOWN
}
