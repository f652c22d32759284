package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.collector.SqsSettings;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.PublishStats;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.WebhookPayload;
import io.eventsync.webhooks.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each example's task runs against the sandbox and does what it says. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {
  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  @Test
  void pullQueueEventsHandlesEachEventOnceAcrossRuns() {
    String queue = client.eventQueue().createQueue("example").code();
    client.eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 70);

    assertThat(PullQueueEventsExample.pullQueueEvents(client, queue, dir)).isEqualTo(70);
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 5);
    assertThat(PullQueueEventsExample.pullQueueEvents(client, queue, dir)).isEqualTo(5);
  }

  @Test
  void tailEventLogReadsNewRowsOnly() {
    sandbox.appendLogRows(
        230, Instant.parse("2026-01-01T00:00:00Z"), true, "TRANSACTION_STATUS_CHANGE");

    assertThat(TailEventLogExample.tailEventLog(client, dir)).isEqualTo(230);
    assertThat(TailEventLogExample.tailEventLog(client, dir)).isZero();
  }

  @Test
  void receiveFulfillmentWebhooksGetsVerifiedDeliveries() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    List<WebhookPayload> received = new CopyOnWriteArrayList<>();
    try (WebhookReceiver receiver =
        ReceiveFulfillmentWebhooksExample.receiveFulfillmentWebhooks(secret, received::add)) {
      ReceiveFulfillmentWebhooksExample.register(client, receiver.url().toString(), secret);
      sandbox.tikiNowOrderChange(Map.of("order_code", "1"));
      sandbox.tikiNowStockChange(Map.of("sku", "SKU-1"));
      assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(received).hasSize(2);
  }

  @Test
  void manageCollectorSubscriptionsCreatesListsAndDeactivates() {
    SqsSettings sqs =
        new SqsSettings("AKIA1", "secret-1", "https://sqs.example/q", "ap-southeast-2");

    assertThat(ManageCollectorSubscriptionsExample.manageCollectorSubscriptions(client, "t-1", sqs))
        .hasSize(1);
    assertThat(client.collector("t-1").subscriptions().list())
        .isEmpty(); // only active ones are listed
  }

  @Test
  void syncCustomerOrdersPublishesEveryOrder() {
    PublishStats stats =
        SyncCustomerOrdersExample.syncCustomerOrders(
            client,
            IntStream.range(0, 30)
                .mapToObj(
                    i -> CustomerOrderUpdate.of("store-1", SyncCustomerOrdersExample.order(i), 1)),
            dir);

    assertThat(stats.sent()).isEqualTo(30);
    assertThat(sandbox.customerOrder("store-1", "order-29")).isNotNull();
  }

  @Test
  void runOnFleetHandlesEveryEventExactlyOnceThroughATakeover() throws Exception {
    String queue = client.eventQueue().createQueue("fleet").code();
    client.eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 100);

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Map<String, Integer> perReplica =
          RunOnFleetExample.runOnFleet(
              client,
              postgres.getPostgresDatabase(),
              queue,
              100,
              () -> sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 100),
              200);

      assertThat(perReplica.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
      assertThat(perReplica).hasSize(2); // the first leader, then the one that took over
    }
  }
}
