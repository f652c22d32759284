package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Admin and API input the sandbox cannot use is a 4xx naming what was wrong, never a 500. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxInputTest {
  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start(SandboxOptions.builder().maxEmitBytes(1_000_000).build());
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void anOverflowingCreatedAtIs400NamingTheField() {
    Http.Reply reply =
        http.post(
            "/_sandbox/eventlog/rows",
            "{\"count\":1,\"created_at\":\"+999999999-12-31T23:59:59Z\"}");

    assertThat(reply.status).as(reply.body).isEqualTo(400);
    assertThat(reply.map().get("error").toString())
        .startsWith("created_at must be within 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999Z");
  }

  @Test
  void aCreatedAtPastYear9999Is400() {
    Http.Reply reply =
        http.post(
            "/_sandbox/eventlog/rows", "{\"count\":2,\"created_at\":\"+10000-01-01T00:00:00Z\"}");

    assertThat(reply.status).as(reply.body).isEqualTo(400);
    assertThat(sandbox.stats().eventLogRows()).isZero();
  }

  @Test
  void aCreatedAtThatIsNoDateIs400NamingTheField() {
    Http.Reply reply =
        http.post("/_sandbox/eventlog/rows", "{\"count\":1,\"created_at\":\"soon\"}");

    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.map()).containsEntry("error", "created_at is not an ISO-8601 date-time: soon");
  }

  @Test
  void appendLogRowsRefusesAnInstantTheLogCannotHold() {
    assertThatThrownBy(() -> sandbox.appendLogRows(1, Instant.MAX, false, "T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("createdAt must be within");
  }

  @Test
  void aMalformedPercentEscapeInAPathIs400NamingTheSegment() {
    Http.Reply queue = http.get("/integration/v1/queues/%zz/subscriptions");
    Http.Reply order = http.get("/_sandbox/hii/customer-orders/bu/%E0%A4%A");

    assertThat(queue.status).as(queue.body).isEqualTo(400);
    assertThat(queue.map())
        .containsEntry("message", "path segment {queue} has a malformed percent-escape: %zz");
    assertThat(order.status).as(order.body).isEqualTo(400);
    assertThat(order.body).contains("path segment {customerOrderId}");
  }

  @Test
  void anEmitOverTheEmitLimitIs413NamingCountAndPayload() {
    String payload = "{\"note\":\"" + "z".repeat(20_000) + "\"}";

    Http.Reply reply =
        http.post(
            "/_sandbox/tiki/events", "{\"type\":\"T\",\"count\":100,\"payload\":" + payload + "}");

    assertThat(reply.status).as(reply.body).isEqualTo(413);
    assertThat(reply.map().get("error").toString())
        .startsWith("count x payload size = 100 x 20011 bytes exceeds the emit limit of 1000000")
        .contains("SandboxOptions.Builder.maxEmitBytes");
    assertThat(sandbox.stats().tikiEventsEmitted()).isZero();
  }

  @Test
  void emitTikiEventsRefusesAnEmitOverTheLimit() {
    Map<String, Object> payload = Map.of("note", "z".repeat(20_000));

    assertThatThrownBy(() -> sandbox.emitTikiEvents("T", "s", payload, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count x payload size");
    assertThat(sandbox.emitTikiEvents("T", "s", payload, 40)).hasSize(40);
  }

  @Test
  void emittedEventsShareOneUnmodifiableCopyOfTheirPayload() {
    List<Map<String, Object>> events =
        sandbox.emitTikiEvents("T", "s", Map.of("items", List.of(Map.of("sku", 1))), 3);

    Object first = events.get(0).get("payload");
    assertThat(events).allSatisfy(e -> assertThat(e.get("payload")).isSameAs(first));
    assertThat(first).isEqualTo(Map.of("items", List.of(Map.of("sku", 1L))));
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) first;
    assertThatThrownBy(() -> payload.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(events.get(0))
        .containsOnlyKeys("id", "sid", "created_at", "type", "version", "payload");
  }
}
