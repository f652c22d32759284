package io.eventsync.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Hii Retail customer order, the schema of the proxy contract that the incoming PUT reuses (sent
 * as {@code {"customerOrder": {...}}}). Build one with {@link #builder}.
 *
 * <p>Required, and checked before sending: {@code customerOrderId}, {@code customerId}, {@code
 * status}, {@code items} with every item's {@code itemId}, {@code quantityOrdered} and {@code
 * unitPrice}; when {@code invoicePaymentInstructions} is set, its {@code customerAccountId}, {@code
 * invoicingAmount} and all four fields of each {@code additionalInformation} entry.
 *
 * @param customerOrderId the order's id (also the last segment of the PUT path)
 * @param customerId the customer's id
 * @param status the order's status (open)
 * @param minimumDownPaymentAmount the minimum down payment, or null
 * @param isLocked whether the order is locked, or null
 * @param invoicePaymentInstructions invoice payment instructions, or null
 * @param items the order's lines
 */
public record CustomerOrder(
    String customerOrderId,
    String customerId,
    CustomerOrderStatus status,
    @Nullable BigDecimal minimumDownPaymentAmount,
    @Nullable Boolean isLocked,
    @Nullable InvoicePaymentInstructions invoicePaymentInstructions,
    List<OrderItem> items) {

  /** Copies the items (null stays null and fails validation). */
  public CustomerOrder {
    items = items == null ? null : Collections.unmodifiableList(new ArrayList<>(items));
  }

  /** Returns a builder of an order with these required fields. */
  public static Builder builder(
      String customerOrderId, String customerId, CustomerOrderStatus status) {
    return new Builder(customerOrderId, customerId, status);
  }

  /**
   * Checks the required fields.
   *
   * @throws IllegalArgumentException naming the first missing field by its JSON path
   */
  void validate() {
    String id = customerOrderId == null ? "" : " (customerOrderId \"" + customerOrderId + "\")";
    require(customerOrderId, "customerOrder.customerOrderId", id);
    if (customerOrderId.isBlank()) {
      throw new IllegalArgumentException("customerOrder.customerOrderId must not be blank" + id);
    }
    require(customerId, "customerOrder.customerId", id);
    require(status, "customerOrder.status", id);
    require(items, "customerOrder.items", id);
    for (int i = 0; i < items.size(); i++) {
      String path = "customerOrder.items[" + i + "]";
      OrderItem item = items.get(i);
      require(item, path, id);
      require(item.itemId(), path + ".itemId", id);
      require(item.quantityOrdered(), path + ".quantityOrdered", id);
      require(item.unitPrice(), path + ".unitPrice", id);
    }
    InvoicePaymentInstructions invoice = invoicePaymentInstructions;
    if (invoice != null) {
      String path = "customerOrder.invoicePaymentInstructions";
      require(invoice.customerAccountId(), path + ".customerAccountId", id);
      require(invoice.invoicingAmount(), path + ".invoicingAmount", id);
      List<AdditionalInformation> info = invoice.additionalInformation();
      for (int i = 0; info != null && i < info.size(); i++) {
        String entry = path + ".additionalInformation[" + i + "]";
        AdditionalInformation a = info.get(i);
        require(a, entry, id);
        require(a.id(), entry + ".id", id);
        require(a.value(), entry + ".value", id);
        require(a.displayText(), entry + ".displayText", id);
        require(a.receiptLabel(), entry + ".receiptLabel", id);
      }
    }
  }

  private static void require(Object value, String path, String order) {
    if (value == null) {
      throw new IllegalArgumentException(path + " is required" + order);
    }
  }

  /** Builds a {@link CustomerOrder}. Not thread-safe. */
  public static final class Builder {
    private final String customerOrderId;
    private final String customerId;
    private final CustomerOrderStatus status;
    private @Nullable BigDecimal minimumDownPaymentAmount;
    private @Nullable Boolean locked;
    private @Nullable InvoicePaymentInstructions invoice;
    private final List<OrderItem> items = new ArrayList<>();

    Builder(String customerOrderId, String customerId, CustomerOrderStatus status) {
      this.customerOrderId = Objects.requireNonNull(customerOrderId, "customerOrderId == null");
      this.customerId = Objects.requireNonNull(customerId, "customerId == null");
      this.status = Objects.requireNonNull(status, "status == null");
    }

    /** Adds a line. */
    public Builder item(OrderItem item) {
      items.add(Objects.requireNonNull(item, "item == null"));
      return this;
    }

    /** Sets the minimum down payment. Default none. */
    public Builder minimumDownPaymentAmount(@Nullable BigDecimal amount) {
      this.minimumDownPaymentAmount = amount;
      return this;
    }

    /** Sets whether the order is locked. Default none (omitted). */
    public Builder locked(boolean locked) {
      this.locked = locked;
      return this;
    }

    /** Sets the invoice payment instructions. Default none. */
    public Builder invoicePaymentInstructions(@Nullable InvoicePaymentInstructions invoice) {
      this.invoice = invoice;
      return this;
    }

    /**
     * Returns the order.
     *
     * @throws IllegalArgumentException if a required field is missing
     */
    public CustomerOrder build() {
      CustomerOrder order =
          new CustomerOrder(
              customerOrderId,
              customerId,
              status,
              minimumDownPaymentAmount,
              locked,
              invoice,
              items);
      order.validate();
      return order;
    }
  }
}
