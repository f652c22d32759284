package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerOrdersTest {
  private static final String PATH = "/business-units/store-1/customer-orders/111";

  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start();
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static String order(String status) {
    return "{\"customerOrder\": {\"customerOrderId\": \"111\", \"customerId\": \"c-1\", \"status\": \""
        + status
        + "\", \"minimumDownPaymentAmount\": 100, \"isLocked\": false,"
        + " \"invoicePaymentInstructions\": {\"customerAccountId\": \"111\", \"invoicingAmount\": 100,"
        + " \"additionalInformation\": [{\"id\": \"requisition\", \"value\": \"111\","
        + " \"displayText\": \"Requisition number\", \"receiptLabel\": \"Requisition number\"}]},"
        + " \"items\": [{\"itemId\": \"111\", \"quantityOrdered\": 100, \"unitPrice\": 12.5}]}}";
  }

  private Http.Reply put(String body, Long version) {
    Request.Builder request =
        new Request.Builder()
            .url(sandbox.url() + PATH)
            .header("Authorization", Http.BEARER)
            .put(RequestBody.create(body, Http.JSON));
    if (version != null) {
      request.header("X-Event-Version", Long.toString(version));
    }
    return http.call(request.build());
  }

  @Test
  void putIsAcceptedAndTheStateIsReadable() {
    Http.Reply reply = put(order("CREATED"), 1L);

    assertThat(reply.status).isEqualTo(202);
    CustomerOrderRecord state = sandbox.customerOrder("store-1", "111");
    assertThat(state.version()).isEqualTo(1L);
    assertThat(state.customerOrder()).containsEntry("status", "CREATED");
    assertThat(http.get("/_sandbox/hii/customer-orders/store-1/111").map())
        .containsEntry("version", 1L)
        .containsEntry("updates", 1L);
    assertThat(http.get(PATH).body).contains("\"unitPrice\":12.5", "\"quantityOrdered\":100");
  }

  @Test
  void olderVersionIsIgnoredByTheStaleGuard() {
    put(order("CREATED"), 5L);
    put(order("PICKED_UP"), 7L);

    Http.Reply stale = put(order("CREATED"), 6L);
    put(order("COMPLETED"), 7L);

    assertThat(stale.status).isEqualTo(202);
    CustomerOrderRecord state = sandbox.customerOrder("store-1", "111");
    assertThat(state.customerOrder()).containsEntry("status", "COMPLETED");
    assertThat(state.staleIgnored()).isEqualTo(1);
    assertThat(state.updates()).isEqualTo(3);
    assertThat(sandbox.stats().staleCustomerOrdersIgnored()).isEqualTo(1);
  }

  @Test
  void withoutAVersionTheLastArrivalWins() {
    for (String status : List.of("CREATED", "PICKED_UP", "COMPLETED")) {
      put(order(status), null);
    }

    assertThat(sandbox.customerOrder("store-1", "111").customerOrder())
        .containsEntry("status", "COMPLETED");
    assertThat(sandbox.customerOrder("store-1", "111").version()).isNull();
  }

  @Test
  void missingRequiredFieldsAreBadRequests() {
    Map<String, String> cases =
        Map.of(
            order("CREATED").replace("\"customerId\": \"c-1\", ", ""),
            "customerOrder.customerId is required",
            order("CREATED").replace("\"itemId\": \"111\", ", ""),
            "customerOrder.items[0].itemId is required",
            order("CREATED").replace("\"invoicingAmount\": 100", "\"invoicingAmount\": \"lots\""),
            "customerOrder.invoicePaymentInstructions.invoicingAmount must be a number",
            order("CREATED").replace("\"displayText\": \"Requisition number\", ", ""),
            "customerOrder.invoicePaymentInstructions.additionalInformation[0].displayText is required",
            order("CREATED")
                .replace("\"customerOrderId\": \"111\"", "\"customerOrderId\": \"222\""),
            "customerOrder.customerOrderId 222 does not match the path's 111",
            "{}",
            "customerOrder is required");
    cases.forEach(
        (body, detail) -> {
          Http.Reply reply = put(body, null);
          assertThat(reply.status).as(detail).isEqualTo(400);
          assertThat(reply.map()).containsEntry("detail", detail);
        });
    assertThat(put(order("CREATED"), -1L).status).isEqualTo(400);
    assertThat(sandbox.customerOrder("store-1", "111")).isNull();
  }
}
