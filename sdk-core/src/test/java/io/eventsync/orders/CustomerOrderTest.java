package io.eventsync.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.internal.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerOrderTest {
  private static CustomerOrder withItems(
      List<OrderItem> items, InvoicePaymentInstructions invoice) {
    return new CustomerOrder(
        "7", "c", CustomerOrderStatus.of("PICKED_UP"), null, null, invoice, items);
  }

  @Test
  void requiredFieldsAreNamedByTheirJsonPath() {
    assertThatThrownBy(
            () ->
                new CustomerOrder(
                        null, "c", CustomerOrderStatus.CREATED, null, null, null, List.of())
                    .validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customerOrder.customerOrderId is required");
    assertThatThrownBy(
            () ->
                new CustomerOrder(
                        "7", null, CustomerOrderStatus.CREATED, null, null, null, List.of())
                    .validate())
        .hasMessage("customerOrder.customerId is required (customerOrderId \"7\")");
    assertThatThrownBy(
            () -> new CustomerOrder("7", "c", null, null, null, null, List.of()).validate())
        .hasMessage("customerOrder.status is required (customerOrderId \"7\")");
    assertThatThrownBy(
            () -> withItems(List.of(new OrderItem("i", BigDecimal.ONE, null)), null).validate())
        .hasMessage("customerOrder.items[0].unitPrice is required (customerOrderId \"7\")");
    assertThatThrownBy(
            () ->
                withItems(Arrays.asList(OrderItem.of("i", 1, BigDecimal.TEN), null), null)
                    .validate())
        .hasMessage("customerOrder.items[1] is required (customerOrderId \"7\")");
    assertThatThrownBy(
            () -> withItems(List.of(), new InvoicePaymentInstructions("a", null, null)).validate())
        .hasMessage(
            "customerOrder.invoicePaymentInstructions.invoicingAmount is required"
                + " (customerOrderId \"7\")");
    InvoicePaymentInstructions info =
        new InvoicePaymentInstructions(
            "a", BigDecimal.ONE, List.of(new AdditionalInformation("id", "v", "d", null)));
    assertThatThrownBy(() -> withItems(List.of(), info).validate())
        .hasMessage(
            "customerOrder.invoicePaymentInstructions.additionalInformation[0].receiptLabel is"
                + " required (customerOrderId \"7\")");
    assertThatThrownBy(() -> CustomerOrder.builder(" ", "c", CustomerOrderStatus.CREATED).build())
        .hasMessage("customerOrder.customerOrderId must not be blank (customerOrderId \" \")");
  }

  @Test
  void decodesTheDocumentedShapeWithUnknownStatusAndExtraFields() {
    CustomerOrder order =
        Json.decode(
            Adapters.ORDER,
            CustomerOrdersApiTest.ORDER_JSON
                .replace("CREATED", "IN_PROGRESS")
                .replace("{\"itemId\"", "{\"x\":1,\"itemId\""),
            "order");

    assertThat(order.status().value()).isEqualTo("IN_PROGRESS");
    assertThat(order.status().isKnown()).isFalse();
    assertThat(order.items().get(0).unitPrice()).isEqualByComparingTo("9.95");
    assertThat(order.isLocked()).isFalse();
    order.validate();
    assertThat(CustomerOrderStatus.of("CREATED")).isSameAs(CustomerOrderStatus.CREATED);
    assertThat(CustomerOrderStatus.knownValues()).containsExactly(CustomerOrderStatus.CREATED);
  }

  @Test
  void encodesWithoutAbsentOptionalFields() {
    CustomerOrder order =
        CustomerOrder.builder("1", "c", CustomerOrderStatus.CREATED)
            .item(OrderItem.of("i", 2, new BigDecimal("1.50")))
            .build();

    assertThat(Adapters.ORDER.toJson(order))
        .isEqualTo(
            "{\"customerOrderId\":\"1\",\"customerId\":\"c\",\"status\":\"CREATED\","
                + "\"items\":[{\"itemId\":\"i\",\"quantityOrdered\":2,\"unitPrice\":1.50}]}");
  }
}
