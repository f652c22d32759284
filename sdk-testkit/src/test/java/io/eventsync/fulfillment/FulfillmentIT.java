package io.eventsync.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.EventSyncSandboxExtension;
import java.time.Duration;
import java.util.HexFormat;
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
import org.junit.jupiter.api.extension.ExtendWith;

/** TikiNOW webhook registration against the sandbox, which then signs and delivers webhooks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventSyncSandboxExtension.class)
class FulfillmentIT {
  private final MockWebServer receiver = new MockWebServer();
  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @BeforeEach
  void setUp(EventSyncSandbox sandbox) throws Exception {
    receiver.start();
    this.sandbox = sandbox;
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    receiver.close();
  }

  @Test
  void registeredWebhooksReceiveDeliveriesSignedWithTheirSecret() throws Exception {
    WebhookSecret orderSecret = WebhookSecret.generate();
    receiver.enqueue(new MockResponse.Builder().code(200).body("{\"success\": true}").build());
    WebhookRegistration registration =
        WebhookRegistration.builder()
            .inventoryLocations("sgn", "hn5")
            .orderWebhook(receiver.url("/hooks/order").toString(), orderSecret)
            .stockWebhook(receiver.url("/hooks/stock").toString(), WebhookSecret.generate())
            .externalPartnerId("shop-1")
            .build();

    RegistrationResult result = client.fulfillment().registerWebhooks(registration);
    sandbox.tikiNowOrderChange(Map.of("order_code", "347171821", "main_state", "canceled"));
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();

    assertThat(result.requestId()).isNotBlank();
    RecordedRequest delivery = receiver.takeRequest(5, TimeUnit.SECONDS);
    assertThat(delivery.getUrl().encodedPath()).isEqualTo("/hooks/order");
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(orderSecret.keyBytes(), "HmacSHA1"));
    String expected =
        "sha1=" + HexFormat.of().formatHex(mac.doFinal(delivery.getBody().toByteArray()));
    assertThat(delivery.getHeaders().get("x-signature")).isEqualTo(expected);
    assertThat(delivery.getBody().utf8()).contains("\"order_code\":\"347171821\"");
  }

  @Test
  void theDocumentedErrorEnvelopeBecomesATypedException() {
    WebhookRegistration registration =
        WebhookRegistration.builder()
            .inventoryLocations("sgn")
            .orderWebhook("https://oms.example.com/order", WebhookSecret.generate())
            .build();
    try (EventSyncClient stranger =
        sandbox.clientBuilder().credentials(Credentials.bearer("not-a-token")).build()) {
      assertThatThrownBy(() -> stranger.fulfillment().registerWebhooks(registration))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> {
                assertThat(e.errorCode()).isNotBlank();
                assertThat(e.requestId()).isNotBlank();
              });
    }
  }
}
