package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventSyncSandboxTest {
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

  @Test
  void urlHasNoTrailingSlashAndServesEveryApiOnOnePort() {
    assertThat(sandbox.url()).isEqualTo("http://localhost:" + sandbox.port());
    assertThat(http.get("/integration/v1/queues").status).isEqualTo(200);
    assertThat(http.get("/saleschannel-services/v1/events").status).isEqualTo(200);
    assertThat(http.get("/_sandbox/stats").status).isEqualTo(200);
  }

  @Test
  void servedRequestsAreNotKeptInMemory() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      http.get("/saleschannel-services/v1/events?$limit=1");
    }

    // Only the request being served at most is left in MockWebServer's record.
    int left = 0;
    while (sandbox.server().takeRequest(0, TimeUnit.NANOSECONDS) != null) {
      left++;
    }
    assertThat(left).isLessThanOrEqualTo(1);
    assertThat(sandbox.stats().requests()).isEqualTo(200);
  }

  @Test
  void keptAliveConnectionsAnswerWithoutNagleDelays() {
    http.get("/integration/v1/queues");
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      http.get("/integration/v1/queues");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("50 requests on a kept-alive connection").isLessThan(1500);
  }

  @Test
  void unknownPathsAndMethodsGetTheApisErrorShapeNotAStackTrace() {
    Http.Reply unknownTiki = http.get("/integration/v1/nothing");
    Http.Reply wrongMethod = http.send("DELETE", "/integration/v1/queues", null, Http.BEARER);
    Http.Reply unknownAdmin = http.get("/_sandbox/nothing");
    Http.Reply unknownOther = http.get("/elsewhere");

    assertThat(unknownTiki.status).isEqualTo(404);
    assertThat(unknownTiki.map()).containsEntry("error", "NOT_FOUND");
    assertThat(wrongMethod.status).isEqualTo(405);
    assertThat(unknownAdmin.status).isEqualTo(404);
    assertThat(unknownAdmin.map()).containsKey("error");
    assertThat(unknownOther.status).isEqualTo(404);
    assertThat(unknownOther.map()).containsEntry("status", 404L);
  }

  @Test
  void adminEmitsTikiEventsAndMintsSellerTokens() {
    Http.Reply seller = http.post("/_sandbox/tiki/sellers", "{\"seller_id\": \"seller-b\"}");
    String queue =
        (String) http.post("/integration/v1/queues", "{\"name\": \"q\"}").map().get("code");
    http.send(
        "POST",
        "/integration/v1/queues/" + queue + "/subscriptions",
        "{\"event_type\": \"ORDER_CREATED_SUCCESSFULLY\"}",
        "Bearer " + seller.map().get("access_token"));

    Http.Reply emitted =
        http.post(
            "/_sandbox/tiki/events",
            "{\"type\": \"ORDER_CREATED_SUCCESSFULLY\", \"seller_id\": \"seller-b\", \"count\": 3,"
                + " \"payload\": {\"order_code\": \"510916693\"}}");
    Http.Reply defaultSeller =
        http.post("/_sandbox/tiki/events", "{\"type\": \"ORDER_CREATED_SUCCESSFULLY\"}");

    assertThat(seller.map())
        .containsEntry("seller_id", "seller-b")
        .containsEntry("sid", EventSyncSandbox.sid("seller-b"));
    assertThat(emitted.map()).containsEntry("emitted", 3L);
    assertThat((List<?>) emitted.map().get("event_ids")).hasSize(3);
    assertThat(defaultSeller.map()).containsEntry("sid", EventSyncSandbox.sid("sandbox-seller"));
    assertThat(sandbox.unacknowledgedEvents(queue)).isEqualTo(3);
    assertThat(http.post("/integration/v1/queues/" + queue + "/events/pull", "{}").body)
        .contains("\"payload\":{\"order_code\":\"510916693\"}");
    assertThat(http.post("/_sandbox/tiki/events", "{}").status).isEqualTo(400);
    assertThat(http.post("/_sandbox/tiki/events", "{\"type\": \"X\", \"count\": 0}").status)
        .isEqualTo(400);
  }

  @Test
  void adminAppendsLogRowsOnOneTimestamp() {
    Http.Reply appended =
        http.post(
            "/_sandbox/eventlog/rows",
            "{\"count\": 25, \"created_at\": \"2024-05-01T10:00:00Z\", \"same_timestamp\": true,"
                + " \"event_type\": \"TRANSACTION_STATUS_CHANGE\"}");

    assertThat(appended.map()).containsEntry("appended", 25L).containsEntry("total_rows", 25L);
    assertThat(http.get("/saleschannel-services/v1/events?$limit=1000").list())
        .extracting(r -> r.get("createdAt"))
        .containsOnly("2024-05-01T10:00:00.000Z");
    assertThat(http.post("/_sandbox/eventlog/rows", "{}").status).isEqualTo(400);
    assertThat(http.post("/_sandbox/eventlog/rows", "{\"count\": \"many\"}").status).isEqualTo(400);
    assertThat(http.post("/_sandbox/eventlog/rows", "not json").status).isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void statsCountRequestsPerRouteAndResetForgetsEverything() {
    http.post("/integration/v1/queues", "{\"name\": \"q\"}");
    http.get("/integration/v1/queues");
    http.get("/integration/v1/queues");
    sandbox.appendLogRows(3);

    Map<String, Object> stats = http.get("/_sandbox/stats").map();
    Map<String, Object> requests = (Map<String, Object>) stats.get("requests");
    Http.Reply reset = http.post("/_sandbox/reset", "");

    assertThat((Map<String, Object>) requests.get("by_path"))
        .containsEntry("GET /integration/v1/queues", 2L)
        .containsEntry("POST /integration/v1/queues", 1L);
    assertThat(stats).containsEntry("event_log_rows", 3L);
    assertThat(reset.status).isEqualTo(200);
    assertThat(http.get("/integration/v1/queues").list()).isEmpty();
    assertThat(sandbox.stats().eventLogRows()).isZero();
    assertThat(sandbox.stats().requestsByPath()).containsOnlyKeys("GET /integration/v1/queues");
  }

  @Test
  void clientBuilderPointsAtTheSandboxWithTheDevToken() {
    try (EventSyncClient client = sandbox.clientBuilder().build()) {
      assertThat(client).isNotNull();
    }
  }

  @Test
  void closeIsIdempotent() {
    sandbox.close();
    sandbox.close();
  }
}
