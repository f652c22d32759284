package io.eventsync.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.InvalidRequestException;
import io.eventsync.auth.Credentials;
import io.eventsync.testing.RecordingSleeper;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CustomerOrdersApiTest {
  static final String ORDER_JSON =
      "{\"customerOrderId\":\"111\",\"customerId\":\"c-1\",\"status\":\"CREATED\","
          + "\"minimumDownPaymentAmount\":100,\"isLocked\":false,"
          + "\"invoicePaymentInstructions\":{\"customerAccountId\":\"a-1\",\"invoicingAmount\":100,"
          + "\"additionalInformation\":[{\"id\":\"requisition\",\"value\":\"111\","
          + "\"displayText\":\"Requisition number\",\"receiptLabel\":\"Requisition number\"}]},"
          + "\"items\":[{\"itemId\":\"i-1\",\"quantityOrdered\":100,\"unitPrice\":9.95}]}";

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private EventSyncClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client =
        EventSyncClient.builder()
            .baseUrl(Api.CUSTOMER_ORDERS, server.url("/co").toString())
            .credentials(Credentials.bearer("t0ken"))
            .sleeper(sleeper)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  static CustomerOrder order(String id) {
    return CustomerOrder.builder(id, "c-1", CustomerOrderStatus.CREATED)
        .minimumDownPaymentAmount(BigDecimal.valueOf(100))
        .locked(false)
        .invoicePaymentInstructions(
            new InvoicePaymentInstructions(
                "a-1",
                BigDecimal.valueOf(100),
                List.of(
                    new AdditionalInformation(
                        "requisition", "111", "Requisition number", "Requisition number"))))
        .item(OrderItem.of("i-1", 100, new BigDecimal("9.95")))
        .build();
  }

  private void accepted() {
    server.enqueue(new MockResponse.Builder().code(202).build());
  }

  @Test
  void putSendsTheOrderWrappedInCustomerOrderToTheDefaultPath() throws Exception {
    accepted();

    client.customerOrders().put("bu-1", order("111"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/co/business-units/bu-1/customer-orders/111");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get(CustomerOrdersApi.VERSION_HEADER)).isNull();
    assertThat(request.getBody().utf8()).isEqualTo("{\"customerOrder\":" + ORDER_JSON + "}");
  }

  @Test
  void putWithAVersionSendsItForTheStaleGuardAndEncodesIds() throws Exception {
    accepted();

    client.customerOrders().put("bu/1", order("a b"), 42);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/co/business-units/bu%2F1/customer-orders/a%20b");
    assertThat(request.getHeaders().get("X-Event-Version")).isEqualTo("42");
  }

  @Test
  void putIsRetriedOnTransientFaultsAsItIsIdempotent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build());
    accepted();

    client.customerOrders().put("bu-1", order("111"));

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void aGarbledOrCutAnswerIsNotTakenAsAcceptedAndIsRetried() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body("{\"data\": [{\"id\": ")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"padding\": \"" + "x".repeat(64) + "\"}")
            .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket())
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\": true}").build());

    client.customerOrders().put("bu-1", order("111"));

    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void pathTemplateIsConfigurable() throws Exception {
    accepted();
    CustomerOrdersApi api =
        client
            .customerOrders()
            .withPathTemplate("/api/v2/bu/{businessUnitId}/orders/{customerOrderId}/events");

    api.put("bu-1", order("111"));

    assertThat(api.pathTemplate())
        .isEqualTo("/api/v2/bu/{businessUnitId}/orders/{customerOrderId}/events");
    assertThat(server.takeRequest().getUrl().encodedPath())
        .isEqualTo("/co/api/v2/bu/bu-1/orders/111/events");
    assertThat(client.customerOrders().pathTemplate())
        .isEqualTo(CustomerOrdersApi.DEFAULT_PATH_TEMPLATE);
  }

  @Test
  void badPathTemplatesAreRejectedWithTheReason() {
    CustomerOrdersApi api = client.customerOrders();
    assertThatThrownBy(() -> api.withPathTemplate("orders/{businessUnitId}/{customerOrderId}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pathTemplate \"orders/{businessUnitId}/{customerOrderId}\" is not usable: it must"
                + " start with /");
    assertThatThrownBy(() -> api.withPathTemplate("/bu/{businessUnitId}/orders"))
        .hasMessageEndingWith(
            "it needs {businessUnitId} and {customerOrderId} once each, as whole segments");
    assertThatThrownBy(() -> api.withPathTemplate("/bu/{businessUnitId}/o-{customerOrderId}"))
        .hasMessageEndingWith(
            "it needs {businessUnitId} and {customerOrderId} once each, as whole segments");
    assertThatThrownBy(() -> api.withPathTemplate("/{tenant}/{businessUnitId}/{customerOrderId}"))
        .hasMessageEndingWith("only {businessUnitId} and {customerOrderId} may appear in braces");
    assertThatThrownBy(() -> api.withPathTemplate("/a//{businessUnitId}/{customerOrderId}"))
        .hasMessageEndingWith("it has an empty segment");
  }

  @Test
  void invalidOrdersAreRejectedBeforeSending() {
    CustomerOrder noItems =
        new CustomerOrder("9", "c", CustomerOrderStatus.CREATED, null, null, null, null);

    assertThatThrownBy(() -> client.customerOrders().put("bu-1", noItems))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customerOrder.items is required (customerOrderId \"9\")");
    assertThatThrownBy(() -> client.customerOrders().put(" ", order("1")))
        .hasMessage("businessUnitId is blank");
    assertThatThrownBy(() -> client.customerOrders().put("bu", order("1"), -1))
        .hasMessage("version must not be negative but was -1");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusalsAreTypedAndNotRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body("{\"title\":\"Bad Request\",\"detail\":\"unknown status\"}")
            .build());

    assertThatThrownBy(() -> client.customerOrders().put("bu-1", order("111")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown status");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutABaseUrlTheApiFailsClearly() {
    try (EventSyncClient noHost = EventSyncClient.builder().build()) {
      assertThatThrownBy(noHost::customerOrders)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("no base URL for the Hii Retail customer orders API");
    }
  }
}
