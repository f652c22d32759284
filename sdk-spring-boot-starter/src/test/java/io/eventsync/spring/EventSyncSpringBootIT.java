package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.micrometer.EventSyncMetrics;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerState;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookPayload;
import io.eventsync.webhooks.WebhookSigner;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Boot app on a random port against the sandbox: events reach the listener,
 * webhooks are verified, a poison event turns health DOWN, and the meters count what happened.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoint.health.show-details=always",
      "management.endpoints.web.exposure.include=health,env,configprops",
      "spring.main.banner-mode=off",
      "eventsync.pollers.orders.cursor-store=memory",
      "eventsync.pollers.orders.idle-backoff=50ms",
      "eventsync.pollers.orders.retry.max-attempts=1",
      "eventsync.webhooks.tikinow.path=/webhooks/tikinow",
      "eventsync.webhooks.tikinow.scheme=tikinow"
    })
@DirtiesContext
@Timeout(120)
class EventSyncSpringBootIT {
  private static final EventSyncSandbox SANDBOX = EventSyncSandbox.start();
  private static final String SECRET = WebhookSecret.generate().reveal();
  private static final BlockingQueue<QueueEvent> EVENTS = new LinkedBlockingQueue<>();
  private static final BlockingQueue<WebhookPayload> WEBHOOKS = new LinkedBlockingQueue<>();
  private static final AtomicBoolean POISON = new AtomicBoolean();

  @DynamicPropertySource
  static void eventsync(DynamicPropertyRegistry registry) {
    EventQueueApi queue;
    try (var client = SANDBOX.clientBuilder().build()) {
      queue = client.eventQueue();
      String code = queue.createQueue("boot").code();
      queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
      registry.add("eventsync.pollers.orders.queue-code", () -> code);
    }
    registry.add("eventsync.base-url", SANDBOX::url);
    registry.add("eventsync.credentials.token", () -> EventSyncSandbox.DEV_TOKEN);
    registry.add("eventsync.webhooks.tikinow.secrets.2025-01", () -> SECRET);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Listeners listeners() {
      return new Listeners();
    }

    /** Closes the sandbox after the pollers stopped (lifecycle stop comes before destruction). */
    @Bean
    DisposableBean sandboxCloser() {
      return SANDBOX::close;
    }
  }

  static class Listeners {
    @EventSyncListener(stream = "orders")
    void onEvent(QueueEvent event) {
      if (POISON.get()) {
        throw new IllegalStateException("poison event " + event.id());
      }
      EVENTS.add(event);
    }

    @EventSyncWebhookListener(endpoint = "tikinow")
    void onWebhook(WebhookPayload payload) {
      WEBHOOKS.add(payload);
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired MeterRegistry registry;
  @Autowired EventSyncPollers pollers;

  private final OkHttpClient http = new OkHttpClient();

  @Test
  void eventsWebhooksHealthAndMetricsWorkOverRealHttp() throws Exception {
    SANDBOX.emitTikiEvents("PRODUCT_PRICE_UPDATED", 3);
    for (int i = 0; i < 3; i++) {
      assertThat(EVENTS.poll(30, TimeUnit.SECONDS)).as("event %d", i).isNotNull();
    }

    byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> signed =
        WebhookSigner.of(SignatureScheme.TIKINOW, WebhookSecret.of(SECRET)).sign(body);
    assertThat(post("/webhooks/tikinow", signed, body)).isEqualTo(200);
    assertThat(WEBHOOKS.poll(5, TimeUnit.SECONDS)).isNotNull();
    Map<String, String> forged =
        WebhookSigner.of(SignatureScheme.TIKINOW, WebhookSecret.generate()).sign(body);
    assertThat(post("/webhooks/tikinow", forged, body)).isEqualTo(401);
    assertThat(WEBHOOKS).isEmpty();

    try (Response health = get("/actuator/health")) {
      assertThat(health.code()).isEqualTo(200);
    }
    for (String endpoint : new String[] {"/actuator/env", "/actuator/configprops"}) {
      try (Response response = get(endpoint)) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string())
            .as(endpoint)
            .contains("eventsync")
            .doesNotContain(SECRET)
            .doesNotContain(EventSyncSandbox.DEV_TOKEN);
      }
    }

    POISON.set(true);
    SANDBOX.emitTikiEvents("PRODUCT_PRICE_UPDATED", 1);
    Poller poller = pollers.pollers().get("orders");
    Await.until(Duration.ofSeconds(30), () -> poller.state() == PollerState.HALTED);
    assertThat(poller.state()).isEqualTo(PollerState.HALTED);
    try (Response health = get("/actuator/health")) {
      String json = health.body().string();
      assertThat(health.code()).isEqualTo(503);
      assertThat(json).contains("\"eventsync\"").contains("\"HALTED\"").contains("DOWN");
    }

    assertThat(
            registry
                .get(EventSyncMetrics.EVENTS)
                .tags("stream", "orders", "outcome", "handled")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(registry.get(EventSyncMetrics.HALTS).tag("stream", "orders").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(EventSyncMetrics.STATE)
                .tags("stream", "orders", "state", "HALTED")
                .gauge()
                .value())
        .isEqualTo(1);
    assertThat(
            registry
                .get(EventSyncMetrics.DEFAULT_HTTP_METRIC_NAME)
                .tag("uri", "/integration/v1/queues/{queueCode}/events/pull")
                .timers())
        .isNotEmpty();
  }

  private int post(String path, Map<String, String> headers, byte[] body) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url("http://localhost:" + port + path)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    }
  }

  private Response get(String path) throws Exception {
    return http.newCall(new Request.Builder().url("http://localhost:" + port + path).build())
        .execute();
  }
}
