package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TikiQueuesTest {
  private static final String QUEUES = "/integration/v1/queues";

  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start(SandboxOptions.builder().batchSize(3).maxQueues(2).build());
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String createQueue(String name) {
    Http.Reply reply = http.post(QUEUES, "{\"name\": \"" + name + "\"}");
    assertThat(reply.status).isEqualTo(200);
    return (String) reply.map().get("code");
  }

  private Map<String, Object> subscribe(String queue, String type, String authorization) {
    Http.Reply reply =
        http.send(
            "POST",
            QUEUES + "/" + queue + "/subscriptions",
            "{\"event_type\": \"" + type + "\"}",
            authorization);
    assertThat(reply.status).isEqualTo(200);
    return reply.map();
  }

  private Map<String, Object> pull(String queue, String ackId) {
    String body = ackId == null ? "{\"ack_id\": null}" : "{\"ack_id\": \"" + ackId + "\"}";
    Http.Reply reply = http.post(QUEUES + "/" + queue + "/events/pull", body);
    assertThat(reply.status).isEqualTo(200);
    return reply.map();
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> batch) {
    List<String> ids = new ArrayList<>();
    for (Object e : (List<Object>) batch.get("events")) {
      ids.add((String) ((Map<String, Object>) e).get("id"));
    }
    return ids;
  }

  private static List<String> ids(List<Map<String, Object>> events) {
    List<String> ids = new ArrayList<>();
    events.forEach(e -> ids.add((String) e.get("id")));
    return ids;
  }

  @Test
  void createsAndListsQueuesInTheDocumentedShape() {
    Http.Reply created = http.post(QUEUES, "{\"name\": \"orders\"}");

    assertThat(created.status).isEqualTo(200);
    assertThat(created.map()).containsOnlyKeys("code", "name", "status");
    assertThat(created.map()).containsEntry("name", "orders").containsEntry("status", "ACTIVE");
    assertThat((String) created.map().get("code")).matches("[0-9a-f-]{36}");
    assertThat(http.get(QUEUES).list()).containsExactly(created.map());
  }

  @Test
  void refusesAQueueBeyondTheLimit() {
    createQueue("a");
    createQueue("b");

    Http.Reply third = http.post(QUEUES, "{\"name\": \"c\"}");

    assertThat(third.status).isEqualTo(400);
    assertThat(third.map()).containsEntry("error", "QUEUE_LIMIT_EXCEEDED");
    assertThat((String) third.map().get("message")).contains("at most 2 queues");
  }

  @Test
  void rejectsBadQueueInputWithTheErrorShape() {
    assertThat(http.post(QUEUES, "{\"name\": 5}").map())
        .containsEntry("error", "INVALID_REQUEST")
        .containsEntry("message", "name must be a string");
    assertThat(http.post(QUEUES, "{\"name\": ").map()).containsEntry("error", "MALFORMED_JSON");
    Http.Reply unknown = http.post(QUEUES + "/nope/events/pull", "{}");
    assertThat(unknown.status).isEqualTo(404);
    assertThat(unknown.map())
        .containsEntry("error", "QUEUE_NOT_FOUND")
        .containsEntry("message", "queue nope does not exist");
  }

  @Test
  void subscriptionCarriesTheSellersSidFromItsToken() {
    String queue = createQueue("q");
    String sellerToken = sandbox.mintSellerToken("seller-a");

    Map<String, Object> own = subscribe(queue, "ORDER_CREATED_SUCCESSFULLY", Http.BEARER);
    Map<String, Object> sellers =
        subscribe(queue, "ORDER_CREATED_SUCCESSFULLY", "Bearer " + sellerToken);

    assertThat(own).containsOnlyKeys("code", "active", "event_type", "sid");
    assertThat(own)
        .containsEntry("active", true)
        .containsEntry("event_type", "ORDER_CREATED_SUCCESSFULLY");
    assertThat((String) own.get("sid"))
        .matches("[0-9A-F]{40}")
        .isEqualTo(EventSyncSandbox.sid("sandbox-seller"));
    assertThat(sellers.get("sid")).isEqualTo(EventSyncSandbox.sid("seller-a"));
    assertThat(http.get(QUEUES + "/" + queue + "/subscriptions").list())
        .containsExactly(own, sellers);
  }

  @Test
  void sellerTokenCannotCreateQueues() {
    String sellerToken = sandbox.mintSellerToken("seller-a");

    Http.Reply reply = http.send("POST", QUEUES, "{\"name\": \"q\"}", "Bearer " + sellerToken);

    assertThat(reply.status).isEqualTo(403);
  }

  @Test
  void routesEventsOnlyToActiveSubscriptionsOfTheTypeAndSeller() {
    String both = createQueue("both");
    String statusOnly = createQueue("status-only");
    subscribe(both, "ORDER_CREATED_SUCCESSFULLY", Http.BEARER);
    subscribe(both, "ORDER_STATUS_UPDATED", Http.BEARER);
    Map<String, Object> sub = subscribe(statusOnly, "ORDER_STATUS_UPDATED", Http.BEARER);

    sandbox.emitTikiEvents("ORDER_CREATED_SUCCESSFULLY", 1);
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", "another-seller", null, 1);
    Http.Reply deactivated =
        http.put(
            QUEUES + "/" + statusOnly + "/subscriptions/" + sub.get("code"), "{\"active\": false}");
    List<Map<String, Object>> status = sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 1);

    assertThat(deactivated.status).isEqualTo(200);
    assertThat(deactivated.map()).containsEntry("active", false);
    assertThat(sandbox.unacknowledgedEvents(both)).isEqualTo(2);
    assertThat(sandbox.unacknowledgedEvents(statusOnly)).isZero();
    assertThat(ids(pull(both, null))).endsWith((String) status.get(0).get("id"));
  }

  @Test
  void pullDeliversInOrderAndTheNextPullsAckIdAcknowledgesTheBatch() {
    String queue = createQueue("q");
    subscribe(queue, "ORDER_STATUS_UPDATED", Http.BEARER);
    List<String> emitted = ids(sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 7));

    Map<String, Object> first = pull(queue, null);
    Map<String, Object> second = pull(queue, (String) first.get("ack_id"));
    Map<String, Object> third = pull(queue, (String) second.get("ack_id"));
    Map<String, Object> empty = pull(queue, (String) third.get("ack_id"));

    assertThat(first).containsOnlyKeys("events", "ack_id");
    assertThat(ids(first)).isEqualTo(emitted.subList(0, 3));
    assertThat(ids(second)).isEqualTo(emitted.subList(3, 6));
    assertThat(ids(third)).isEqualTo(emitted.subList(6, 7));
    assertThat(ids(empty)).isEmpty();
    assertThat(sandbox.unacknowledgedEvents(queue)).isZero();
  }

  @Test
  void pullWithoutOrWithAnOldAckIdRedeliversFromTheFirstUnacknowledgedEvent() {
    String queue = createQueue("q");
    subscribe(queue, "ORDER_STATUS_UPDATED", Http.BEARER);
    List<String> emitted = ids(sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 5));

    Map<String, Object> first = pull(queue, null);
    Map<String, Object> again = pull(queue, null);
    Map<String, Object> acked = pull(queue, (String) again.get("ack_id"));
    Map<String, Object> withOldAck = pull(queue, (String) first.get("ack_id"));
    Map<String, Object> withUnknownAck = pull(queue, "00000000-0000-4000-8000-000000000000");

    assertThat(ids(again)).isEqualTo(ids(first)).isEqualTo(emitted.subList(0, 3));
    assertThat(ids(acked)).isEqualTo(emitted.subList(3, 5));
    assertThat(ids(withOldAck)).isEqualTo(emitted.subList(3, 5));
    assertThat(ids(withUnknownAck)).isEqualTo(emitted.subList(3, 5));
  }

  @Test
  void explicitAckAcknowledgesTheLastBatchOnly() {
    String queue = createQueue("q");
    subscribe(queue, "ORDER_STATUS_UPDATED", Http.BEARER);
    List<String> emitted = ids(sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 4));
    Map<String, Object> batch = pull(queue, null);

    Http.Reply unknown = http.post(QUEUES + "/" + queue + "/events/ack", "{\"ack_id\": \"x\"}");
    Http.Reply ack =
        http.post(
            QUEUES + "/" + queue + "/events/ack", "{\"ack_id\": \"" + batch.get("ack_id") + "\"}");
    Http.Reply missing = http.post(QUEUES + "/" + queue + "/events/ack", "{}");

    assertThat(unknown.map()).containsEntry("acknowledged", 0L);
    assertThat(ack.status).isEqualTo(200);
    assertThat(ack.map()).containsEntry("acknowledged", 3L);
    assertThat(missing.status).isEqualTo(400);
    assertThat(ids(pull(queue, null))).isEqualTo(emitted.subList(3, 4));
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsHaveTheDocumentedShapePerType() {
    String queue = createQueue("q");
    for (String type :
        List.of(
            "ORDER_CREATED_SUCCESSFULLY",
            "ORDER_STATUS_UPDATED",
            "PRODUCT_PRICE_UPDATED",
            "PRODUCT_MARKET_PRICE_UPDATED",
            "PRODUCT_INVENTORY_UPDATED")) {
      subscribe(queue, type, Http.BEARER);
      sandbox.emitTikiEvents(type, 1);
    }
    List<Map<String, Object>> events = new ArrayList<>();
    String ackId = null;
    for (int i = 0; i < 2; i++) {
      Map<String, Object> batch = pull(queue, ackId);
      events.addAll((List<Map<String, Object>>) batch.get("events"));
      ackId = (String) batch.get("ack_id");
    }

    assertThat(events).hasSize(5);
    for (Map<String, Object> event : events) {
      assertThat(event).containsOnlyKeys("id", "sid", "created_at", "type", "version", "payload");
      assertThat(event.get("created_at")).isInstanceOf(Long.class);
    }
    Map<String, Object> created = (Map<String, Object>) events.get(0).get("payload");
    Map<String, Object> status = (Map<String, Object>) events.get(1).get("payload");
    Map<String, Object> price = (Map<String, Object>) events.get(2).get("payload");
    Map<String, Object> market = (Map<String, Object>) events.get(3).get("payload");
    Map<String, Object> inventory = (Map<String, Object>) events.get(4).get("payload");
    assertThat(created)
        .containsOnlyKeys("order_code", "status")
        .containsEntry("status", "queueing");
    assertThat(status).containsOnlyKeys("order_code", "orderCode", "status");
    assertThat(status.get("orderCode")).isEqualTo(status.get("order_code"));
    assertThat(price).containsOnlyKeys("product_id", "original_sku", "price_from", "price_to");
    assertThat(market)
        .containsOnlyKeys("product_id", "original_sku", "market_price_from", "market_price_to");
    assertThat(inventory)
        .containsOnlyKeys(
            "product_id",
            "original_sku",
            "warehouse_id",
            "quantity_from",
            "quantity_to",
            "quantity_available_from",
            "quantity_available_to",
            "quantity_reserved_from",
            "quantity_reserved_to",
            "quantity_sellable_from",
            "quantity_sellable_to");
    assertThat(events.get(4)).containsEntry("version", "v2");
    assertThat(events.get(0)).containsEntry("version", "v1");
  }

  @Test
  void anEmittedPayloadIsDeliveredAsGiven() {
    String queue = createQueue("q");
    subscribe(queue, "CUSTOM_TYPE", Http.BEARER);

    sandbox.emitTikiEvents("CUSTOM_TYPE", "sandbox-seller", Map.of("answer", 42), 1);

    assertThat(http.post(QUEUES + "/" + queue + "/events/pull", "").body)
        .contains("\"type\":\"CUSTOM_TYPE\"", "\"payload\":{\"answer\":42}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void concurrentEmittersLoseNothingAndKeepEachEmittersOrder() throws Exception {
    String queue = createQueue("q");
    subscribe(queue, "ORDER_STATUS_UPDATED", Http.BEARER);
    List<Thread> emitters = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String seller = "sandbox-seller";
      String marker = "t" + t;
      emitters.add(
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  sandbox.emitTikiEvents(
                      "ORDER_STATUS_UPDATED", seller, Map.of("order_code", marker + "-" + i), 1);
                }
              }));
    }
    emitters.forEach(Thread::start);
    List<String> received = new ArrayList<>();
    String ackId = null;
    while (received.size() < 200) {
      Map<String, Object> batch = pull(queue, ackId);
      for (Object e : (List<Object>) batch.get("events")) {
        Map<String, Object> payload =
            (Map<String, Object>) ((Map<String, Object>) e).get("payload");
        received.add((String) payload.get("order_code"));
      }
      ackId = (String) batch.get("ack_id");
    }
    for (Thread emitter : emitters) {
      emitter.join();
    }

    assertThat(received).hasSize(200).doesNotHaveDuplicates();
    for (int t = 0; t < 4; t++) {
      String prefix = "t" + t + "-";
      List<String> mine = received.stream().filter(c -> c.startsWith(prefix)).toList();
      assertThat(mine).hasSize(50);
      for (int i = 0; i < 50; i++) {
        assertThat(mine.get(i)).isEqualTo(prefix + i);
      }
    }
  }
}
