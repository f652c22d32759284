package io.eventsync.collector;

import io.eventsync.OpenValue;
import io.eventsync.internal.OpenValues;
import java.util.List;

/**
 * The kind of email a notification job sends ({@code notification}).
 *
 * <p>Open: a value this SDK version does not know decodes to an instance that keeps the raw value
 * ({@link #isKnown()} is false) and is sent back as it was.
 */
public final class Notification extends OpenValue {
  private static final OpenValues<Notification> VALUES =
      new OpenValues<>("notification", Notification::new);

  /** A reminder of the wishlist. */
  public static final Notification REMINDER = VALUES.known("REMINDER");

  /** A wishlist item's price dropped. */
  public static final Notification PRICE_DROP = VALUES.known("PRICE_DROP");

  /** A wishlist item is low on stock. */
  public static final Notification LOW_STOCK = VALUES.known("LOW_STOCK");

  /** A wishlist item is back in stock. */
  public static final Notification BACK_IN_STOCK = VALUES.known("BACK_IN_STOCK");

  private Notification(String value, boolean known) {
    super(value, known);
  }

  /**
   * Returns the value with this wire value: a constant if documented, else an unknown value that
   * keeps it.
   *
   * @throws IllegalArgumentException if blank
   */
  public static Notification of(String value) {
    return VALUES.of(value);
  }

  /** Returns the documented values. */
  public static List<Notification> knownValues() {
    return VALUES.knownValues();
  }
}
