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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deduplication end to end with the sandbox's own deliverer: its retry after a timed-out attempt
 * reaches the receiver while the first attempt is still in the handler.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookDedupeSandboxIT {
  private final WebhookSecret secret = WebhookSecret.generate();
  private final OkHttpClient http = new OkHttpClient();
  private EventSyncSandbox sandbox;
  private WebhookReceiver receiver;

  @AfterEach
  void tearDown() {
    if (receiver != null) {
      receiver.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    http.dispatcher().executorService().shutdown();
  }

  @Test
  void aRetryWhileTheFirstAttemptIsInTheHandlerIsNotAcknowledgedSoAFailureIsRetried()
      throws Exception {
    sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder()
                .deliveryTimeout(Duration.ofMillis(300))
                .deliveryRetryPolicy(
                    new DeliveryRetryPolicy(6, Duration.ofMillis(50), Duration.ofMillis(200)))
                .build());
    CountDownLatch firstMayFail = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    receiver =
        WebhookReceiver.builder(
                WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build())
            .deduplicate(SeenStore.inMemory(Duration.ofHours(1)))
            .handler(
                delivery -> {
                  if (calls.incrementAndGet() == 1) { // outlives the sender's 300 ms timeout
                    firstMayFail.await();
                    throw new IllegalStateException("database down");
                  }
                  succeeded.incrementAndGet();
                })
            .build()
            .start();
    register(receiver.url().toString());

    sandbox.tikiNowStockChange(Map.of("sku", "SKU-1", "warehouse", "sgn3", "qty_salable", 1));
    while (sandbox.deliveryAttempts().size() < 2) { // the retry was answered
      Thread.sleep(10);
    }
    firstMayFail.countDown();
    assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(20))).isTrue();

    List<String> attempts =
        sandbox.deliveryAttempts().stream()
            .map(a -> a.attempt() + ":" + a.status())
            .collect(Collectors.toList());
    assertThat(attempts.get(0)).isEqualTo("1:null"); // timed out: the sender retries
    assertThat(attempts.subList(1, attempts.size() - 1))
        .isNotEmpty()
        .allMatch(a -> a.endsWith(":503"));
    assertThat(attempts.get(attempts.size() - 1)).endsWith(":200");
    assertThat(sandbox.deliveryAttempts()).extracting(DeliveryAttempt::hook).containsOnly("stock");
    assertThat(calls).hasValue(2);
    assertThat(succeeded).hasValue(1);
  }

  private void register(String url) throws IOException {
    String body =
        Json.object(
            "sync_inventory_location", List.of("sgn"),
            "sync_webhook",
                Map.of(
                    "order", Map.of("url", url, "secret_key", secret.reveal()),
                    "stock", Map.of("url", url, "secret_key", secret.reveal())));
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
}
