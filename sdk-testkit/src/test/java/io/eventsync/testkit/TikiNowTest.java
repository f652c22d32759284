package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TikiNowTest {
  private static final String REGISTER = "/business/v1/register-webhooks";
  private static final String SECRET = "0123456789abcdefghijABCDEFGHIJ-_";

  private EventSyncSandbox sandbox;
  private Http http;
  private MockWebServer receiver;

  @BeforeEach
  void start() throws Exception {
    sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder()
                .deliveryRetryPolicy(
                    new DeliveryRetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .deliveryTimeout(Duration.ofSeconds(2))
                .build());
    http = new Http(sandbox);
    receiver = new MockWebServer();
    receiver.start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  private Map<String, Object> registration() {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("url", receiver.url("/hooks/order").toString());
    order.put("secret_key", SECRET);
    Map<String, Object> stock = new LinkedHashMap<>();
    stock.put("url", receiver.url("/hooks/stock").toString());
    stock.put("secret_key", SECRET);
    Map<String, Object> aftersale = new LinkedHashMap<>(stock);
    aftersale.put("url", receiver.url("/hooks/aftersale").toString());
    Map<String, Object> hooks = new LinkedHashMap<>();
    hooks.put("order", order);
    hooks.put("stock", stock);
    hooks.put("aftersale", aftersale);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sync_inventory_location", List.of("sgn3", "hn5"));
    body.put("sync_webhook", hooks);
    body.put("external_partner_id", "41235121321");
    return body;
  }

  private static String hmacSha1Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void registrationAnswersTheDocumentedSuccessEnvelope() {
    Http.Reply reply = http.post(REGISTER, Http.json(registration()));

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.map()).containsOnlyKeys("success", "meta_data").containsEntry("success", true);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) reply.map().get("meta_data");
    assertThat((String) meta.get("request_id")).matches("[0-9a-f]{32}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void registrationValidatesEachDocumentedRule() {
    Map<String, Object> noLocations = registration();
    noLocations.put("sync_inventory_location", List.of());
    Map<String, Object> locationsNotArray = registration();
    locationsNotArray.put("sync_inventory_location", "sgn");
    Map<String, Object> noHooks = registration();
    noHooks.remove("sync_webhook");
    Map<String, Object> noOrder = registration();
    ((Map<String, Object>) noOrder.get("sync_webhook")).remove("order");
    Map<String, Object> shortSecret = registration();
    ((Map<String, Object>) ((Map<String, Object>) shortSecret.get("sync_webhook")).get("stock"))
        .put("secret_key", "too-short");
    Map<String, Object> badUrl = registration();
    ((Map<String, Object>) ((Map<String, Object>) badUrl.get("sync_webhook")).get("order"))
        .put("url", "ftp://example.com/x");
    Map<String, Object> stockOptional = registration();
    ((Map<String, Object>) stockOptional.get("sync_webhook")).remove("stock");

    assertThat(errorMessage(noLocations)).isEqualTo("sync_inventory_location must not be empty");
    assertThat(errorMessage(locationsNotArray))
        .isEqualTo("sync_inventory_location must be an array");
    assertThat(errorMessage(noHooks)).isEqualTo("sync_webhook is required");
    assertThat(errorMessage(noOrder)).isEqualTo("sync_webhook.order is required");
    assertThat(errorMessage(shortSecret))
        .isEqualTo("sync_webhook.stock.secret_key must be exactly 32 printable characters");
    assertThat(errorMessage(badUrl))
        .isEqualTo("sync_webhook.order.url must be a valid http(s) URL: ftp://example.com/x");
    assertThat(http.post(REGISTER, Http.json(stockOptional)).status).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private String errorMessage(Map<String, Object> body) {
    Http.Reply reply = http.post(REGISTER, Http.json(body));
    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.map())
        .containsOnlyKeys("success", "error", "meta_data")
        .containsEntry("success", false);
    Map<String, Object> error = (Map<String, Object>) reply.map().get("error");
    assertThat(error)
        .containsEntry("status_code", 400L)
        .containsEntry("message_code", "INVALID_REQUEST");
    return (String) error.get("message");
  }

  @Test
  @SuppressWarnings("unchecked")
  void missingTokenGetsTheDocumentedUnauthorizedEnvelope() {
    Http.Reply reply = http.send("POST", REGISTER, Http.json(registration()), null);

    assertThat(reply.status).isEqualTo(401);
    Map<String, Object> error = (Map<String, Object>) reply.map().get("error");
    assertThat(error)
        .containsEntry("status_code", 401L)
        .containsEntry("message", "Unauthorized")
        .containsEntry("message_code", "INVALID_TOKEN");
    assertThat((String) ((Map<String, Object>) reply.map().get("meta_data")).get("request_id"))
        .matches("[0-9a-f]{32}");
  }

  @Test
  void orderChangeIsDeliveredSignedOverTheExactBytes() throws Exception {
    http.post(REGISTER, Http.json(registration()));
    receiver.enqueue(new MockResponse.Builder().code(200).body("{\"success\": true}").build());

    Map<String, Object> sent =
        sandbox.tikiNowOrderChange(
            Map.of(
                "order_code",
                "347171821",
                "main_state",
                "shipping",
                "main_substate",
                "delivery_failed_1"));
    RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);

    assertThat(request).isNotNull();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/order");
    byte[] body = request.getBody().toByteArray();
    assertThat(request.getHeaders().get("x-signature"))
        .isEqualTo("sha1=" + hmacSha1Hex(SECRET, body));
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("{\"data\":{\"date\":\"")
        .contains(
            "\"order_code\":\"347171821\"",
            "\"main_state\":\"shipping\"",
            "\"main_substate\":\"delivery_failed_1\"",
            "\"reason_code\":\"receiver_reschedule\"",
            "+07:00\"");
    assertThat(text).doesNotContain("extra_info");
    assertThat(sent).containsEntry("hook", "order");
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(5))).isTrue();
    List<DeliveryAttempt> attempts = sandbox.deliveryAttempts();
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).status()).isEqualTo(200);
    assertThat(attempts.get(0).body()).isEqualTo(text);
    assertThat(sandbox.stats().deliveriesSucceeded()).isEqualTo(1);
  }

  @Test
  void stockAndAftersaleWebhooksHaveTheDocumentedShapes() throws Exception {
    http.post(REGISTER, Http.json(registration()));
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    Http.Reply stock =
        http.post("/_sandbox/tikinow/stock", "{\"sku\": \"1234\", \"qty_salable\": 147}");
    http.post("/_sandbox/tikinow/aftersale", "{\"type\": \"fd\", \"status\": \"done\"}");
    http.post("/_sandbox/tikinow/orders", "{\"main_state\": \"canceled\"}");

    assertThat(stock.status).isEqualTo(200);
    String stockBody = receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
    String aftersaleBody = receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
    String canceledBody = receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
    assertThat(JsonCodec.parse(stockBody.getBytes(StandardCharsets.UTF_8)))
        .extracting("data")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys(
            "date", "sku", "warehouse", "qty_salable", "seller_product_code", "partner_id")
        .containsEntry("sku", "1234")
        .containsEntry("warehouse", "sgn3")
        .containsEntry("qty_salable", 147L)
        .containsEntry("partner_id", "41235121321");
    assertThat(JsonCodec.parse(aftersaleBody.getBytes(StandardCharsets.UTF_8)))
        .extracting("data")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("date", "ref_code", "order_code", "status", "type")
        .containsEntry("type", "fd")
        .containsEntry("status", "done");
    assertThat(canceledBody)
        .contains("\"main_state\":\"canceled\"", "\"extra_info\":{\"cancel_reason_code\"");
  }

  @Test
  void retriesAfter5xxAndNoAnswerAndRecordsEveryAttempt() throws Exception {
    http.post(REGISTER, Http.json(registration()));
    receiver.enqueue(new MockResponse.Builder().code(503).build());
    receiver.enqueue(
        new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket())
            .build());
    receiver.enqueue(new MockResponse.Builder().code(200).build());

    sandbox.tikiNowStockChange(Map.of("sku", "1"));

    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
    List<DeliveryAttempt> attempts = sandbox.deliveryAttempts();
    assertThat(attempts).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(attempts.get(0).status()).isEqualTo(503);
    assertThat(attempts.get(1).status()).isNull();
    assertThat(attempts.get(1).error()).isNotBlank();
    assertThat(attempts.get(2).succeeded()).isTrue();
    assertThat(attempts)
        .extracting(DeliveryAttempt::deliveryId)
        .containsOnly(attempts.get(0).deliveryId());
    assertThat(attempts)
        .extracting(DeliveryAttempt::signature)
        .containsOnly(attempts.get(0).signature());
    assertThat(sandbox.stats().deliveryAttempts()).isEqualTo(3);
    assertThat(http.get("/_sandbox/tikinow/deliveries").list()).hasSize(3);
  }

  @Test
  void givesUpOn4xxAndWhenRetriesRunOut() throws Exception {
    http.post(REGISTER, Http.json(registration()));
    receiver.enqueue(new MockResponse.Builder().code(400).build());
    for (int i = 0; i < 3; i++) {
      receiver.enqueue(new MockResponse.Builder().code(500).build());
    }

    sandbox.tikiNowOrderChange(Map.of());
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
    sandbox.tikiNowOrderChange(Map.of());
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();

    assertThat(sandbox.deliveryAttempts())
        .extracting(DeliveryAttempt::status)
        .containsExactly(400, 500, 500, 500);
    assertThat(sandbox.stats().deliveriesFailed()).isEqualTo(2);
  }

  @Test
  void changeWithoutARegisteredHookIsRefused() {
    assertThat(http.post("/_sandbox/tikinow/orders", "{}").status).isEqualTo(409);
    assertThatThrownBy(() -> sandbox.tikiNowStockChange(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no stock webhook is registered");
  }
}
