package io.eventsync.orders;

import java.math.BigDecimal;

/**
 * One line of a customer order; every field is required.
 *
 * @param itemId the item's id
 * @param quantityOrdered the quantity ordered
 * @param unitPrice the price of one unit
 */
public record OrderItem(String itemId, BigDecimal quantityOrdered, BigDecimal unitPrice) {
  /** Returns an item; {@code quantityOrdered} and {@code unitPrice} as exact decimals. */
  public static OrderItem of(String itemId, long quantityOrdered, BigDecimal unitPrice) {
    return new OrderItem(itemId, BigDecimal.valueOf(quantityOrdered), unitPrice);
  }
}
