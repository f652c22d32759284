package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.internal.Json;
import io.eventsync.testkit.DeliveryAttempt;
import io.eventsync.testkit.DeliveryRetryPolicy;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The receiver end to end: the sandbox delivers real signed TikiNOW webhooks over HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookReceiverSandboxIT {
  private final WebhookSecret secret = WebhookSecret.generate();
  private final List<WebhookPayload> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failNext = new AtomicBoolean();
  private final OkHttpClient http = new OkHttpClient();
  private EventSyncSandbox sandbox;
  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws IOException {
    sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder()
                .deliveryRetryPolicy(
                    new DeliveryRetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(100)))
                .build());
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build();
    receiver =
        WebhookReceiver.builder(verifier)
            .handler(
                delivery -> {
                  if (failNext.compareAndSet(true, false)) {
                    throw new IllegalStateException("database briefly down");
                  }
                  received.add(delivery.payload());
                })
            .build()
            .start();
    register(receiver.url().toString(), secret.reveal());
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
  }

  private void register(String url, String key) throws IOException {
    String body =
        Json.object(
            "sync_inventory_location", List.of("sgn"),
            "sync_webhook",
                Map.of(
                    "order", Map.of("url", url, "secret_key", key),
                    "stock", Map.of("url", url, "secret_key", key)));
    Request request =
        new Request.Builder()
            .url(sandbox.url() + "/business/v1/register-webhooks")
            .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as(response.body().string()).isEqualTo(200);
    }
  }

  @Test
  void receivesVerifiedTypedDeliveriesAndAFailingHandlerMakesTheSandboxRetry() throws Exception {
    sandbox.tikiNowOrderChange(Map.of("order_code", "347171821", "main_state", "shipping"));
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
    failNext.set(true);
    sandbox.tikiNowStockChange(Map.of("sku", "SKU-1", "warehouse", "sgn3", "qty_salable", 147));
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();

    assertThat(received).hasSize(2);
    assertThat(received.get(0))
        .isInstanceOfSatisfying(
            TikiNowOrderStatus.class,
            order -> {
              assertThat(order.orderCode()).isEqualTo("347171821");
              assertThat(order.mainState()).isEqualTo("shipping");
            });
    assertThat(received.get(1))
        .isInstanceOfSatisfying(
            TikiNowStock.class, stock -> assertThat(stock.sku()).isEqualTo("SKU-1"));
    List<String> stockAttempts =
        sandbox.deliveryAttempts().stream()
            .filter(a -> a.hook().equals("stock"))
            .map(a -> a.attempt() + ":" + a.status())
            .collect(Collectors.toList());
    assertThat(stockAttempts).containsExactly("1:500", "2:200");
  }

  @Test
  void aDeliverySignedWithAnotherSecretIsRefusedWith401() throws Exception {
    register(
        receiver.url().toString(),
        WebhookSecret.generate().reveal()); // the sender's key is now wrong

    sandbox.tikiNowOrderChange(Map.of("order_code", "1"));
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();

    assertThat(received).isEmpty();
    assertThat(sandbox.deliveryAttempts()).extracting(DeliveryAttempt::status).contains(401);
  }
}
