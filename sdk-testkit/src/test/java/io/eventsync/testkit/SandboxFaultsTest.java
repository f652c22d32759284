package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxFaultsTest {
  private static final String QUEUES = "/integration/v1/queues";

  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start(SandboxOptions.builder().batchSize(2).build());
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** The status and body, or the I/O failure, of one call: an outcome that may be a fault. */
  private static String outcome(Http http, String base, String path) {
    Request request =
        new Request.Builder().url(base + path).header("Authorization", Http.BEARER).build();
    try (Response response = http.client.newCall(request).execute()) {
      String body = response.body().string();
      try {
        JsonCodec.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (SandboxError e) {
        return response.code() + " malformed";
      }
      return Integer.toString(response.code());
    } catch (IOException e) {
      return "io";
    }
  }

  private String queueWithEvents(int count) {
    String queue = (String) http.post(QUEUES, "{\"name\": \"q\"}").map().get("code");
    http.post(
        QUEUES + "/" + queue + "/subscriptions", "{\"event_type\": \"ORDER_STATUS_UPDATED\"}");
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", count);
    return queue;
  }

  private Request pullRequest(String queue, String ackId) {
    return new Request.Builder()
        .url(sandbox.url() + QUEUES + "/" + queue + "/events/pull")
        .header("Authorization", Http.BEARER)
        .post(RequestBody.create("{\"ack_id\": \"" + ackId + "\"}", Http.JSON))
        .build();
  }

  @Test
  void statusFaultAnswersInTheApisErrorShapeWithRetryAfterThenRecovers() {
    sandbox.faults().next(2).onPath(QUEUES).status(429).retryAfter(Duration.ofSeconds(2)).install();

    Http.Reply first = http.get(QUEUES);
    Http.Reply second = http.get(QUEUES);
    Http.Reply third = http.get(QUEUES);

    assertThat(first.status).isEqualTo(429);
    assertThat(first.headers.get("Retry-After")).isEqualTo("2");
    assertThat(first.map()).containsEntry("error", "TOO_MANY_REQUESTS");
    assertThat(second.status).isEqualTo(429);
    assertThat(third.status).isEqualTo(200);
    assertThat(sandbox.stats().faultsByKind()).containsEntry("status", 2L);
  }

  @Test
  void faultsOnlyHitTheirPathPrefix() {
    sandbox.faults().next(1).onPath("/saleschannel-services").status(503).install();

    assertThat(http.get(QUEUES).status).isEqualTo(200);
    Http.Reply log = http.get("/saleschannel-services/v1/events");
    assertThat(log.status).isEqualTo(503);
    assertThat(log.map()).containsEntry("status", 503L);
  }

  @Test
  void aFaultedPullAcknowledgesAndDeliversNothing() {
    String queue = queueWithEvents(4);
    Map<String, Object> first = http.post(QUEUES + "/" + queue + "/events/pull", "{}").map();
    String ackId = (String) first.get("ack_id");

    for (SandboxFaults.Kind kind : SandboxFaults.Kind.values()) {
      sandbox.faults().next(1).onPath(QUEUES + "/" + queue + "/events/pull").kind(kind).install();
      try (Response response = http.client.newCall(pullRequest(queue, ackId)).execute()) {
        response.body().string();
      } catch (IOException expected) {
        // drop and truncate
      }
    }
    sandbox.faults().next(1).onPath(QUEUES).status(500).install();
    assertThat(http.call(pullRequest(queue, ackId)).status).isEqualTo(500);
    assertThat(sandbox.unacknowledgedEvents(queue)).isEqualTo(4);

    Http.Reply next = http.call(pullRequest(queue, ackId));

    assertThat(next.body).contains("\"events\":[{");
    assertThat(sandbox.unacknowledgedEvents(queue)).isEqualTo(2);
    assertThat(sandbox.stats().faultsByKind())
        .containsEntry("drop", 1L)
        .containsEntry("truncate", 1L)
        .containsEntry("malformed", 1L)
        .containsEntry("status", 1L);
  }

  @Test
  void dropClosesTheConnectionWithoutAnAnswer() {
    sandbox.faults().next(1).onPath(QUEUES).drop().install();

    Request request =
        new Request.Builder()
            .url(sandbox.url() + QUEUES)
            .header("Authorization", Http.BEARER)
            .build();

    assertThatThrownBy(() -> http.client.newCall(request).execute().close())
        .isInstanceOf(IOException.class);
    assertThat(http.get(QUEUES).status).isEqualTo(200);
  }

  @Test
  void truncateCutsTheBodyShortOfItsContentLength() throws IOException {
    sandbox.faults().next(1).onPath(QUEUES).truncate().install();

    Request request =
        new Request.Builder()
            .url(sandbox.url() + QUEUES)
            .header("Authorization", Http.BEARER)
            .build();
    try (Response response = http.client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void malformedAnswersAJsonContentTypeWithInvalidJson() {
    sandbox.faults().next(1).onPath(QUEUES).malformed().install();

    Http.Reply reply = http.get(QUEUES);

    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.headers.get("Content-Type")).startsWith("application/json");
    assertThatThrownBy(reply::json).isInstanceOf(SandboxError.class);
  }

  @Test
  void delayAloneHandlesTheRequestLate() {
    sandbox.faults().next(1).onPath(QUEUES).delay(Duration.ofMillis(300)).install();

    long start = System.nanoTime();
    Http.Reply reply = http.post(QUEUES, "{\"name\": \"late\"}");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(reply.status).isEqualTo(200);
    assertThat(millis).isGreaterThanOrEqualTo(300);
    assertThat(http.get(QUEUES).list()).hasSize(1);
    assertThat(sandbox.stats().faultsByKind()).containsEntry("delay", 1L);
  }

  @Test
  void tokenEndpointsAreFaultedOnlyByScriptedFaults() {
    sandbox.chaos(1.0, 1);
    Request token =
        new Request.Builder()
            .url(sandbox.url() + "/sc/oauth2/token")
            .header("Authorization", okhttp3.Credentials.basic("sandbox-client", "sandbox-secret"))
            .post(RequestBody.create("grant_type=client_credentials", Http.FORM))
            .build();

    assertThat(http.call(token).status).isEqualTo(200);
    assertThat(http.get("/_sandbox/stats").status).isEqualTo(200);
    sandbox.faults().clear();
    sandbox.faults().next(1).onPath("/sc/oauth2/token").status(503).install();
    sandbox.faults().next(1).onPath("/_sandbox").status(503).install();
    assertThat(http.call(token).status).isEqualTo(503);
    assertThat(http.get("/_sandbox/stats").status).isEqualTo(200);
  }

  @Test
  void theSameSeedGivesTheSameFaultSequence() {
    List<String> first = chaosRun(7);
    List<String> second = chaosRun(7);
    List<String> other = chaosRun(8);

    assertThat(first).hasSize(40).isEqualTo(second).isNotEqualTo(other);
    assertThat(first).contains("200").anyMatch(o -> !o.equals("200"));
  }

  private List<String> chaosRun(long seed) {
    try (EventSyncSandbox s = EventSyncSandbox.start()) {
      s.chaos(0.5, seed);
      Http h = new Http(s);
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        outcomes.add(outcome(h, s.url(), "/saleschannel-services/v1/events?$limit=5"));
      }
      assertThat(s.stats().faultsInjected())
          .isEqualTo(outcomes.stream().filter(o -> !o.equals("200")).count());
      return outcomes;
    }
  }

  @Test
  void faultsAreSetAndClearedOverTheAdminSurface() {
    Http.Reply set =
        http.post(
            "/_sandbox/faults",
            "{\"path\": \"/integration\", \"status\": 503, \"times\": 2, \"retry_after\": 1}");
    Http.Reply faulted = http.get(QUEUES);
    Http.Reply cleared = http.send("DELETE", "/_sandbox/faults", null, null);
    Http.Reply chaos = http.post("/_sandbox/faults", "{\"chaos\": 1.0, \"seed\": 3}");
    Http.Reply chaotic = http.get(QUEUES);
    http.send("DELETE", "/_sandbox/faults", null, null);

    assertThat(set.status).isEqualTo(200);
    assertThat(faulted.status).isEqualTo(503);
    assertThat(faulted.headers.get("Retry-After")).isEqualTo("1");
    assertThat(cleared.status).isEqualTo(200);
    assertThat(http.get(QUEUES).status).isEqualTo(200);
    assertThat(chaos.status).isEqualTo(200);
    assertThat(chaotic.status).isNotEqualTo(0);
    assertThat(http.post("/_sandbox/faults", "{\"path\": \"/x\"}").status).isEqualTo(400);
    assertThat(http.post("/_sandbox/faults", "{\"kind\": \"explode\"}").status).isEqualTo(400);
    assertThat(http.post("/_sandbox/faults", "{\"chaos\": 2}").status).isEqualTo(400);
    Map<String, Object> stats = http.get("/_sandbox/stats").map();
    assertThat(stats).containsKeys("requests", "deliveries", "faults");
  }
}
