package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsync.ApiConnectionException;
import io.eventsync.EventSyncClient;
import io.eventsync.RetryPolicy;
import io.eventsync.ServerException;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.collector.CollectorApi;
import io.eventsync.collector.CollectorEvent;
import io.eventsync.collector.CollectorEventType;
import io.eventsync.collector.Destination;
import io.eventsync.collector.EntityType;
import io.eventsync.collector.EventSubscription;
import io.eventsync.collector.Job;
import io.eventsync.collector.Notification;
import io.eventsync.collector.SqsSettings;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.fulfillment.RegistrationResult;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.OrderItem;
import io.eventsync.orders.PublishStats;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.Queue;
import io.eventsync.queue.Subscription;
import io.eventsync.testkit.CustomerOrderRecord;
import io.eventsync.testkit.DeliveryAttempt;
import io.eventsync.testkit.DeliveryRetryPolicy;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.TikiNowOrderStatus;
import io.eventsync.webhooks.WebhookReceiver;
import io.eventsync.webhooks.WebhookVerifier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With 20% of the sandbox's answers faulted ({@code chaos(0.2, seed)}: 500, 502, 503, 504, 429 with
 * {@code Retry-After}, dropped connections, truncated and malformed bodies) plus scripted delays,
 * the happy path of every API family still completes with the right results.
 *
 * <p>Creates are non-idempotent POSTs that the SDK does not retry once they may have reached the
 * server (a retry could create a second queue, subscription, collector event or job, or register
 * twice), so under faults they fail with a typed exception instead — shown once, by script, below.
 * They are therefore made with chaos off; everything that is safe to repeat (GET, PUT, the queue's
 * pull with its ack protocol) runs with chaos on. The client allows 8 attempts instead of the
 * default 4: at a 20% fault rate the default gives up on about 1 call in 600, which a 50-page
 * stream would hit 8% of the time; with 8 it is about 1 in 390,000.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChaosIT {
  private static final double CHAOS = 0.2;
  private static final String AWS_SECRET = "aws-secret-chaos-0123456789";

  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @BeforeEach
  void setUp() {
    sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder()
                .deliveryRetryPolicy(
                    new DeliveryRetryPolicy(10, Duration.ofMillis(5), Duration.ofMillis(20)))
                .build());
    client =
        sandbox
            .clientBuilder()
            .retryPolicy(RetryPolicy.builder().maxAttempts(8).build())
            .sleeper(duration -> {}) // retries never sleep; Retry-After is honoured in name only
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  /** Faults were injected: at least {@code atLeast}, of at least three kinds. */
  private void assertFaultsWereInjected(int atLeast) {
    Map<String, Long> kinds = sandbox.stats().faultsByKind();
    assertThat(sandbox.stats().faultsInjected())
        .as("faults injected %s", kinds)
        .isGreaterThanOrEqualTo(atLeast);
    assertThat(kinds).as("fault kinds").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void queueReadsAndDrainCompleteInOrderUnderChaos() {
    EventQueueApi queue = client.eventQueue();
    String code = queue.createQueue("chaos").code();
    Subscription created = queue.subscribe(code, EventType.ORDER_STATUS_UPDATED);
    List<String> emitted = new ArrayList<>();
    for (Map<String, Object> event :
        sandbox.emitTikiEvents(EventType.ORDER_STATUS_UPDATED.value(), 5_000)) {
      emitted.add((String) event.get("id"));
    }
    sandbox.chaos(CHAOS, 11);
    sandbox
        .faults()
        .next(5)
        .onPath("/integration/v1/queues/" + code + "/events/pull")
        .delay(Duration.ofMillis(150))
        .install();

    List<Queue> queues = queue.listQueues();
    Subscription paused = queue.setSubscriptionActive(code, created.code(), false);
    Subscription resumed = queue.setSubscriptionActive(code, created.code(), true);
    List<Subscription> subscriptions = queue.listSubscriptions(code);
    List<String> handled = new CopyOnWriteArrayList<>();
    queue
        .poller(code)
        .cursorStore(CursorStore.inMemory())
        .handler(event -> handled.add(event.id()))
        .build()
        .drain();

    assertThat(queues).extracting(Queue::code).contains(code);
    assertThat(paused.active()).isFalse();
    assertThat(resumed.active()).isTrue();
    assertThat(subscriptions)
        .singleElement()
        .satisfies(s -> assertThat(s.code()).isEqualTo(created.code()))
        .satisfies(s -> assertThat(s.active()).isTrue());
    assertThat(handled).containsExactlyElementsOf(emitted);
    assertThat(sandbox.stats().faultsByKind())
        .as("every kind of the chaos menu, and the scripted delay")
        .containsKeys("status", "drop", "truncate", "malformed", "delay");
  }

  @Test
  void eventsLogStreamAndPollerReadEveryRowOnceInOrderUnderChaos() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    sandbox.appendLogRows(1_500, t0, false, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(700, t0.plusSeconds(3600), true, "TRANSACTION_STATUS_CHANGE"); // a tie
    sandbox.appendLogRows(800, t0.plusSeconds(7200), false, "TRANSACTION_STATUS_CHANGE");
    List<String> expected =
        client.eventLog().stream(EventLogQuery.all().limit(1000)).map(LogEvent::id).toList();
    sandbox.chaos(CHAOS, 12);
    sandbox
        .faults()
        .next(4)
        .onPath("/saleschannel-services/v1/events")
        .delay(Duration.ofMillis(150))
        .install();

    List<LogEvent> streamed = client.eventLog().stream(EventLogQuery.all().limit(50)).toList();
    List<String> polled = new CopyOnWriteArrayList<>();
    client
        .eventLog()
        .poller("chaos-log", EventLogQuery.all().limit(100))
        .cursorStore(CursorStore.inMemory())
        .handler(row -> polled.add(row.id()))
        .build()
        .drain();

    assertThat(expected).hasSize(3_000).doesNotHaveDuplicates();
    assertThat(streamed).extracting(LogEvent::id).containsExactlyElementsOf(expected);
    assertThat(streamed).extracting(LogEvent::createdAt).isSortedAccordingTo(Instant::compareTo);
    assertThat(polled).containsExactlyElementsOf(expected);
    assertFaultsWereInjected(10);
  }

  @Test
  void collectorReadsAndUpdatesCompleteUnderChaosAfterCreatesMadeWithoutIt() {
    CollectorApi collector = client.collector("tenant-chaos");
    List<CollectorEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(
          collector
              .events()
              .create(
                  CollectorEvent.builder(CollectorEventType.ENTITY_EVENT, "cust-" + i)
                      .entityName("customer")
                      .build()));
    }
    List<EventSubscription> subscriptions = new ArrayList<>();
    for (EntityType type : List.of(EntityType.ORDER, EntityType.WISHLIST, EntityType.ORDER)) {
      subscriptions.add(
          collector.subscriptions().create(EventSubscription.builder(type, sqs()).build()));
    }
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      jobs.add(
          collector
              .jobs()
              .create(Job.builder(Notification.PRICE_DROP, "0 9 * * *", "tpl-" + i).build()));
    }
    sandbox.chaos(CHAOS, 13);
    sandbox.faults().next(3).onPath("/api/v1/events/").delay(Duration.ofMillis(100)).install();

    List<CollectorEvent> read = new ArrayList<>();
    for (CollectorEvent event : events) {
      read.add(collector.events().get(event.id()));
    }
    EventSubscription updated =
        collector
            .subscriptions()
            .update(subscriptions.get(0).toBuilder().subscribeDelete(true).build());
    collector.subscriptions().deactivate(subscriptions.get(2).id());
    List<EventSubscription> listed = collector.subscriptions().list();
    List<Job> updatedJobs = new ArrayList<>();
    for (Job job : jobs) {
      updatedJobs.add(
          collector.jobs().update(job.id(), job.toBuilder().schedule("30 8 * * MON-FRI").build()));
    }

    assertThat(read).containsExactlyElementsOf(events);
    assertThat(updated.subscribeDelete()).isTrue();
    assertThat(collector.subscriptions().get(subscriptions.get(0).id()).subscribeDelete()).isTrue();
    assertThat(listed)
        .extracting(EventSubscription::id)
        .containsExactlyInAnyOrder(subscriptions.get(0).id(), subscriptions.get(1).id());
    assertThat(updatedJobs).extracting(Job::schedule).containsOnly("30 8 * * MON-FRI");
    for (Job job : jobs) {
      assertThat(sandbox.collectorJob("tenant-chaos", job.id()))
          .containsEntry("schedule", "30 8 * * MON-FRI");
    }
    assertFaultsWereInjected(5);
  }

  @Test
  void aCreateThatMayHaveReachedTheServerIsNotRetriedAndFailsTyped() {
    CollectorApi collector = client.collector("tenant-chaos");
    sandbox.faults().next(1).onPath("/api/v1/events").status(500).install();
    // the connection closes once the request was read: the server may have acted on it
    sandbox.faults().next(1).onPath("/api/v1/jobs").drop().install();

    assertThatThrownBy(
            () ->
                collector
                    .events()
                    .create(CollectorEvent.builder(CollectorEventType.FAULT, "x").build()))
        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    Throwable dropped =
        catchThrowable(
            () ->
                collector
                    .jobs()
                    .create(Job.builder(Notification.REMINDER, "0 9 * * *", "tpl").build()));

    assertThat(sandbox.stats().requestsByPath())
        .as("each create was sent once: nothing (neither the SDK nor OkHttp) repeated it")
        .containsEntry("POST /api/v1/events", 1L)
        .containsEntry("POST /api/v1/jobs", 1L);
    assertThat(dropped)
        .isInstanceOfSatisfying(
            ApiConnectionException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.getMessage()).contains("may have reached the server");
            });
  }

  @Test
  void webhookRegistrationIsRetriedOnlyWhereTheServerSaysItDidNothing() {
    WebhookRegistration registration =
        WebhookRegistration.builder()
            .inventoryLocations("sgn")
            .orderWebhook("https://oms.example.com/order", WebhookSecret.generate())
            .build();
    // 429 and 503 mean "not processed": retried even for this POST, after Retry-After
    sandbox
        .faults()
        .next(2)
        .onPath("/business/v1/register-webhooks")
        .status(503)
        .retryAfter(Duration.ofSeconds(1))
        .install();
    RegistrationResult registered = client.fulfillment().registerWebhooks(registration);
    // a dropped connection may have registered: not retried, typed failure
    sandbox.faults().next(1).onPath("/business/v1/register-webhooks").drop().install();

    Throwable dropped = catchThrowable(() -> client.fulfillment().registerWebhooks(registration));

    assertThat(registered.requestId()).isNotBlank();
    assertThat(sandbox.stats().requestsByPath())
        .as("2 answered 503 + 1 registered + 1 dropped and not repeated (by the SDK or by OkHttp)")
        .containsEntry("POST /business/v1/register-webhooks", 4L);
    assertThat(dropped)
        .isInstanceOfSatisfying(
            ApiConnectionException.class, e -> assertThat(e.attempts()).isEqualTo(1));
  }

  @Test
  void customerOrderPutsAndThePublisherApplyEveryVersionInOrderUnderChaos() {
    sandbox.chaos(CHAOS, 14);
    sandbox.faults().next(5).onPath("/business-units/").delay(Duration.ofMillis(100)).install();
    for (int i = 0; i < 30; i++) {
      client.customerOrders().put("store-1", order("single-" + i, 1), 1);
    }
    List<CustomerOrderUpdate> updates = new ArrayList<>();
    for (long version = 1; version <= 5; version++) {
      for (int i = 0; i < 40; i++) {
        updates.add(CustomerOrderUpdate.of("store-2", order("bulk-" + i, version), version));
      }
    }
    DeadLetterSink sink = DeadLetterSink.inMemory();

    PublishStats stats =
        client
            .customerOrders()
            .publisher()
            .concurrency(6)
            .deadLetterSink(sink)
            .build()
            .publish(updates.stream());

    for (int i = 0; i < 30; i++) {
      CustomerOrderRecord state = sandbox.customerOrder("store-1", "single-" + i);
      assertThat(state.version()).isEqualTo(1L);
      assertThat(state.customerOrder()).containsEntry("status", "STEP_1");
    }
    assertThat(sink.pending()).isEmpty();
    assertThat(stats.sent()).isEqualTo(200);
    for (int i = 0; i < 40; i++) {
      CustomerOrderRecord state = sandbox.customerOrder("store-2", "bulk-" + i);
      assertThat(state.version()).as("bulk-" + i).isEqualTo(5L);
      assertThat(state.customerOrder()).containsEntry("status", "STEP_5");
      assertThat(state.staleIgnored()).as("bulk-" + i + " stale").isZero();
    }
    assertFaultsWereInjected(20);
  }

  @Test
  void everyWebhookIsDeliveredAndVerifiedWhileTheReceiverFailsOneTimeInFive() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    Random random = new Random(15);
    Set<String> received = ConcurrentHashMap.newKeySet();
    List<String> deliveries = new CopyOnWriteArrayList<>();
    try (WebhookReceiver receiver =
        WebhookReceiver.builder(
                WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build())
            .handler(
                delivery -> {
                  boolean fail;
                  synchronized (random) {
                    fail = random.nextInt(5) == 0;
                  }
                  if (fail) {
                    throw new IllegalStateException("downstream briefly unavailable"); // -> 500
                  }
                  deliveries.add(delivery.deliveryId());
                  received.add(((TikiNowOrderStatus) delivery.payload()).orderCode());
                })
            .build()
            .start()) {
      client
          .fulfillment()
          .registerWebhooks(
              WebhookRegistration.builder()
                  .inventoryLocations("sgn")
                  .orderWebhook(receiver.url().toString(), secret)
                  .build());
      sandbox.chaos(CHAOS, 16); // the API side too; the sandbox's own deliveries are not faulted
      Set<String> sent = ConcurrentHashMap.newKeySet();
      for (int i = 0; i < 60; i++) {
        String orderCode = "4711" + i;
        sandbox.tikiNowOrderChange(Map.of("order_code", orderCode, "main_state", "shipping"));
        sent.add(orderCode);
      }

      assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
      assertThat(received).isEqualTo(sent);
      assertThat(deliveries).doesNotHaveDuplicates().hasSize(sent.size());
      List<DeliveryAttempt> attempts = sandbox.deliveryAttempts();
      assertThat(attempts).extracting(DeliveryAttempt::status).contains(500, 200);
      assertThat(attempts.stream().filter(DeliveryAttempt::succeeded).count())
          .isEqualTo(sent.size());
      assertThat(
              attempts.stream()
                  .map(DeliveryAttempt::status)
                  .filter(status -> Integer.valueOf(500).equals(status))
                  .collect(Collectors.counting()))
          .as("failed attempts, all retried")
          .isPositive();
    }
  }

  private static Destination sqs() {
    return Destination.sqs(
        new SqsSettings(
            "AKIACHAOS01",
            AWS_SECRET,
            "https://sqs.ap-southeast-2.amazonaws.com/123/chaos",
            "ap-southeast-2"));
  }

  private static CustomerOrder order(String id, long version) {
    return CustomerOrder.builder(id, "customer-" + id, CustomerOrderStatus.of("STEP_" + version))
        .item(OrderItem.of("item-1", version, new BigDecimal("12.50")))
        .build();
  }
}
