package io.eventsync.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.ApiException;
import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.InvalidRequestException;
import io.eventsync.ServerException;
import io.eventsync.auth.Credentials;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.testing.CapturingLogs;
import io.eventsync.testing.RecordingSleeper;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FulfillmentApiTest {
  private static final String ORDER_SECRET = "orderSecret0123456789abcdefABCDE";
  private static final String STOCK_SECRET = "stockSecret0123456789abcdefABCDE";
  private static final String UNAUTHORIZED =
      "{\"success\": false, \"error\": {\"status_code\": 401, \"message\": \"Unauthorized\","
          + " \"message_code\": \"INVALID_TOKEN\"}, \"meta_data\": {\"request_id\": \"r-401\"}}";

  private final MockWebServer server = new MockWebServer();
  private EventSyncClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client =
        EventSyncClient.builder()
            .baseUrl(server.url("/").toString())
            .credentials(Credentials.bearer("t0ken"))
            .sleeper(new RecordingSleeper())
            .build();
    CapturingLogs.clear();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private void answer(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private static WebhookRegistration registration() {
    return WebhookRegistration.builder()
        .inventoryLocations("sgn", "hn5")
        .orderWebhook("https://oms.example.com/webhooks/order", WebhookSecret.of(ORDER_SECRET))
        .stockWebhook("https://oms.example.com/webhooks/stock", WebhookSecret.of(STOCK_SECRET))
        .externalPartnerId("41235121321")
        .build();
  }

  @Test
  void registersWebhooksAndReturnsTheRequestId() throws Exception {
    answer(200, "{\"success\": true, \"meta_data\": {\"request_id\": \"0a1b2c\"}}");

    RegistrationResult result = client.fulfillment().registerWebhooks(registration());

    assertThat(result.requestId()).isEqualTo("0a1b2c");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/business/v1/register-webhooks");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"sync_inventory_location\":[\"sgn\",\"hn5\"],\"sync_webhook\":{\"order\":"
                + "{\"url\":\"https://oms.example.com/webhooks/order\",\"secret_key\":\""
                + ORDER_SECRET
                + "\"},\"stock\":{\"url\":\"https://oms.example.com/webhooks/stock\","
                + "\"secret_key\":\""
                + STOCK_SECRET
                + "\"}},\"external_partner_id\":\"41235121321\"}");
  }

  @Test
  void omitsOptionalHooksAndPartnerId() throws Exception {
    answer(200, "{\"success\": true, \"meta_data\": {\"request_id\": \"r\"}}");
    WebhookRegistration minimal =
        WebhookRegistration.builder()
            .inventoryLocations("sgn")
            .orderWebhook("http://localhost:8080/order", WebhookSecret.of(ORDER_SECRET))
            .aftersaleWebhook("https://oms.example.com/as", WebhookSecret.of(STOCK_SECRET))
            .build();

    client.fulfillment().registerWebhooks(minimal);

    assertThat(server.takeRequest().getBody().utf8())
        .isEqualTo(
            "{\"sync_inventory_location\":[\"sgn\"],\"sync_webhook\":{\"order\":{\"url\":"
                + "\"http://localhost:8080/order\",\"secret_key\":\""
                + ORDER_SECRET
                + "\"},\"aftersale\":{\"url\":\"https://oms.example.com/as\",\"secret_key\":\""
                + STOCK_SECRET
                + "\"}}}");
  }

  @Test
  void errorEnvelopeMapsToTypedExceptionWithMessageCodeAndRequestId() {
    answer(401, UNAUTHORIZED);

    assertThatThrownBy(() -> client.fulfillment().registerWebhooks(registration()))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(401);
              assertThat(e.errorCode()).isEqualTo("INVALID_TOKEN");
              assertThat(e.errorMessage()).isEqualTo("Unauthorized");
              assertThat(e.requestId()).isEqualTo("r-401");
            });
  }

  @Test
  void successFalseInA200IsAlsoATypedException() {
    answer(200, UNAUTHORIZED);
    answer(
        200,
        "{\"success\": false, \"error\": {\"message\": \"bad location\","
            + " \"message_code\": \"INVALID_LOCATION\"}}");
    answer(
        200,
        "{\"success\": false, \"error\": {\"status_code\": 400, \"message\": \"bad\","
            + " \"message_code\": \"INVALID_PARAM\"}, \"meta_data\": {\"request_id\": \"r-400\"}}");

    assertThatThrownBy(() -> client.fulfillment().registerWebhooks(registration()))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("INVALID_TOKEN");
              assertThat(e.requestId()).isEqualTo("r-401");
            })
        .hasMessageContaining("(HTTP 200, success false)");
    assertThatThrownBy(() -> client.fulfillment().registerWebhooks(registration()))
        .isExactlyInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).errorCode()).isEqualTo("INVALID_LOCATION"));
    assertThatThrownBy(() -> client.fulfillment().registerWebhooks(registration()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void isNotRetriedOnceSentAndNeverLogsASecret() {
    answer(
        500,
        "{\"success\": false, \"error\": {\"status_code\": 500, \"message\": \"oops\","
            + " \"message_code\": \"INTERNAL\"}, \"meta_data\": {\"request_id\": \"r-500\"}}");

    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> client.fulfillment().registerWebhooks(registration()));

    assertThat(thrown).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    String everything =
        thrown.getMessage()
            + ((ApiException) thrown).body()
            + registration()
            + String.join("\n", CapturingLogs.lines());
    assertThat(CapturingLogs.lines()).anyMatch(line -> line.contains("request body"));
    assertThat(everything).doesNotContain(ORDER_SECRET).doesNotContain(STOCK_SECRET);
  }
}
