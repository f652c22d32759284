package io.eventsync.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.testing.RecordingSleeper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CustomerOrderPublisherTest {
  private static final int ORDERS = 20;
  private static final int VERSIONS = 8;

  private final MockWebServer server = new MockWebServer();
  private final RecordingOrderServer orders = new RecordingOrderServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private EventSyncClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(orders);
    server.start();
    client =
        EventSyncClient.builder()
            .baseUrl(Api.CUSTOMER_ORDERS, server.url("/").toString())
            .credentials(Credentials.bearer("t0ken"))
            .sleeper(sleeper)
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  /** Versions 1..VERSIONS of ORDERS orders, interleaved: every order's v1, then every v2, ... */
  private static List<CustomerOrderUpdate> input() {
    List<CustomerOrderUpdate> updates = new ArrayList<>();
    for (long version = 1; version <= VERSIONS; version++) {
      for (int order = 0; order < ORDERS; order++) {
        updates.add(CustomerOrderUpdate.of("bu-1", order("o-" + order), version));
      }
    }
    return updates;
  }

  private static CustomerOrder order(String id) {
    return CustomerOrder.builder(id, "c", CustomerOrderStatus.CREATED)
        .item(OrderItem.of("i", 1, BigDecimal.ONE))
        .build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  private static List<Long> allVersions() {
    return LongStream.rangeClosed(1, VERSIONS).boxed().toList();
  }

  private void assertEveryOrderGotEveryVersionInOrder() {
    for (int order = 0; order < ORDERS; order++) {
      assertThat(orders.accepted("bu-1", "o-" + order)).as("o-" + order).isEqualTo(allVersions());
    }
  }

  @Test
  void sendsConcurrentlyButEachOrdersUpdatesOneAtATimeInInputOrder() {
    CustomerOrderPublisher publisher = client.customerOrders().publisher().concurrency(8).build();

    PublishStats stats = publisher.publish(input().stream());

    assertEveryOrderGotEveryVersionInOrder();
    assertThat(orders.sawOverlap()).isFalse();
    assertThat(orders.maxConcurrent()).isBetween(2, 8);
    assertThat(stats.sent()).isEqualTo(ORDERS * VERSIONS);
    assertThat(stats.failed()).isZero();
    assertThat(stats.skipped()).isZero();
  }

  @Test
  void keepsPerOrderOrderUnderRandomFaults() {
    Random random = new Random(11);
    orders.fault =
        (path, version) -> {
          synchronized (random) {
            return random.nextInt(10) < 3 ? status(503) : null;
          }
        };
    DeadLetterSink sink = DeadLetterSink.inMemory();

    PublishStats stats =
        client
            .customerOrders()
            .publisher()
            .concurrency(6)
            .deadLetterSink(sink)
            .build()
            .publish(input().stream());

    assertEveryOrderGotEveryVersionInOrder();
    assertThat(orders.sawOverlap()).isFalse();
    assertThat(stats.sent()).isEqualTo(ORDERS * VERSIONS);
    assertThat(sink.pending()).isEmpty();
    assertThat(sleeper.waits()).isNotEmpty();
  }

  @Test
  void ordersThatStillFailGoToTheDeadLetterSinkAndLaterVersionsStillGo() {
    orders.fault =
        (path, version) ->
            path.endsWith("/o-3") && version == 2
                ? status(400)
                : path.endsWith("/o-5") ? status(503) : null;
    DeadLetterSink sink = DeadLetterSink.inMemory();
    CursorStore store = CursorStore.inMemory();

    PublishStats stats =
        client.customerOrders().publisher().stream("migration")
            .cursorStore(store)
            .maxAttempts(2)
            .deadLetterSink(sink)
            .build()
            .publish(input().iterator());

    assertThat(orders.accepted("bu-1", "o-3")).containsExactly(1L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(orders.accepted("bu-1", "o-5")).isEmpty();
    assertThat(stats.failed()).isEqualTo(1 + VERSIONS);
    assertThat(stats.sent()).isEqualTo(ORDERS * VERSIONS - 1 - VERSIONS);
    List<DeadLetter> letters = sink.pending();
    DeadLetter invalid =
        letters.stream().filter(l -> l.eventId().equals("bu-1/o-3@2")).findFirst().orElseThrow();
    assertThat(invalid.stream()).isEqualTo("migration");
    assertThat(invalid.eventType()).isEqualTo("customerOrder");
    assertThat(invalid.attempts()).isEqualTo(1);
    assertThat(invalid.error()).startsWith("InvalidRequestException: HTTP 400");
    assertThat(invalid.eventJson())
        .isEqualTo(
            "{\"businessUnitId\":\"bu-1\",\"version\":2,\"customerOrder\":"
                + Adapters.ORDER.toJson(order("o-3"))
                + "}");
    DeadLetter down =
        letters.stream().filter(l -> l.eventId().equals("bu-1/o-5@1")).findFirst().orElseThrow();
    assertThat(down.attempts()).isEqualTo(2 * client.retryPolicy().maxAttempts());
    assertThat(down.error()).startsWith("ServerException: HTTP 503");
    assertThat(store.load("migration").position()).isNull(); // the run finished: cleared
  }

  @Test
  void replaysItsOwnDeadLettersInOrderAndRemovesTheAcceptedOnes() {
    orders.fault = (path, version) -> path.endsWith("/o-1") ? status(400) : null;
    DeadLetterSink sink = DeadLetterSink.inMemory();
    sink.accept(new DeadLetter("other", "x", null, "{}", "e", 1, java.time.Instant.EPOCH));
    CustomerOrderPublisher publisher =
        client.customerOrders().publisher().deadLetterSink(sink).build();
    publisher.publish(input().stream());
    assertThat(sink.pending()).hasSize(VERSIONS + 1);

    orders.fault = (path, version) -> path.endsWith("/o-1") && version == 5 ? status(400) : null;
    PublishStats replay = publisher.replayDeadLetters();

    assertThat(replay.sent()).isEqualTo(VERSIONS - 1);
    assertThat(replay.failed()).isEqualTo(1);
    assertThat(orders.accepted("bu-1", "o-1")).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L);
    assertThat(sink.pending())
        .extracting(DeadLetter::eventId)
        .containsExactlyInAnyOrder("x", "bu-1/o-1@5");
    assertThatThrownBy(() -> client.customerOrders().publisher().build().replayDeadLetters())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no dead-letter sink is set; see Builder.deadLetterSink");
  }

  @Test
  void withoutASinkTheRunHaltsAndANewRunResumesAfterTheConfirmedOrders() {
    orders.fault = (path, version) -> path.endsWith("/o-4") && version == 3 ? status(422) : null;
    CursorStore store = CursorStore.inMemory();
    CustomerOrderPublisher publisher =
        client.customerOrders().publisher().concurrency(4).cursorStore(store).build();

    assertThatThrownBy(() -> publisher.publish(input().stream()))
        .isInstanceOfSatisfying(
            PublishHaltedException.class,
            e -> {
              assertThat(e.stats().sent()).isPositive();
              assertThat(e.getCause()).hasMessageContaining("bu-1/o-4@3");
            })
        .hasMessageContaining("a new run with the same input resumes after the confirmed orders");
    Checkpoint afterHalt = store.load(CustomerOrderPublisher.DEFAULT_STREAM);
    long failedIndex = 2L * ORDERS + 4;
    assertThat(Long.parseLong(afterHalt.position())).isLessThanOrEqualTo(failedIndex);
    assertThat(afterHalt.doneIds()).doesNotContain(Long.toString(failedIndex));
    int sentBefore = orders.acceptedCount();

    orders.fault = (path, version) -> null;
    PublishStats resumed = publisher.publish(input().stream());

    assertEveryOrderGotEveryVersionInOrder(); // no version accepted twice
    assertThat(resumed.skipped()).isEqualTo(sentBefore);
    assertThat(resumed.sent()).isEqualTo(ORDERS * VERSIONS - sentBefore);
    assertThat(store.load(CustomerOrderPublisher.DEFAULT_STREAM).position()).isNull();
  }

  @Test
  void aRunAfterACrashSkipsWhatTheCrashedRunHadCommitted() {
    CursorStore live = CursorStore.inMemory();
    AtomicReference<Checkpoint> atCrash = new AtomicReference<>();
    orders.onAccepted =
        count -> {
          if (count == 70) {
            atCrash.set(live.load("sync")); // what a process dying now leaves behind
          }
        };
    client.customerOrders().publisher().stream("sync")
        .cursorStore(live)
        .build()
        .publish(input().stream());
    orders.onAccepted = count -> {};
    CursorStore survivor = CursorStore.inMemory();
    survivor.commit("sync", atCrash.get().withVersion(0));
    List<CustomerOrderUpdate> input = input();
    List<String> resent = new CopyOnWriteArrayList<>();
    orders.fault =
        (path, version) -> {
          resent.add(path.substring(path.lastIndexOf('/') + 1) + "@" + version);
          return null;
        };

    PublishStats stats =
        client.customerOrders().publisher().stream("sync")
            .cursorStore(survivor)
            .build()
            .publish(input.iterator());

    Checkpoint crash = atCrash.get();
    long committed = Long.parseLong(crash.position()) + crash.doneIds().size();
    assertThat(committed).isBetween(60L, 70L); // the last commits may not have happened yet
    assertThat(stats.skipped()).isEqualTo(committed);
    assertThat(stats.sent()).isEqualTo(ORDERS * VERSIONS - committed);
    for (int i = 0; i < input.size(); i++) {
      CustomerOrderUpdate update = input.get(i);
      String id = update.customerOrder().customerOrderId() + "@" + update.version();
      assertThat(resent.contains(id))
          .as(id)
          .isEqualTo(!crash.isDone(Integer.toString(i)) && i >= Long.parseLong(crash.position()));
    }
  }

  @Test
  void refusedCredentialsStopTheRunInsteadOfDeadLetteringEveryOrder() {
    orders.fault = (path, version) -> version == 2 ? status(403) : null;
    DeadLetterSink sink = DeadLetterSink.inMemory();

    assertThatThrownBy(
            () ->
                client
                    .customerOrders()
                    .publisher()
                    .deadLetterSink(sink)
                    .build()
                    .publish(input().stream()))
        .isInstanceOf(PublishHaltedException.class)
        .hasCauseInstanceOf(io.eventsync.PermissionException.class);
    assertThat(sink.pending()).isEmpty();
  }

  @Test
  void aFailingInputStopsTheRunKeepingWhatWasConfirmed() {
    CursorStore store = CursorStore.inMemory();
    Iterator<CustomerOrderUpdate> failing =
        Stream.concat(
                input().stream().limit(50),
                Stream.<CustomerOrderUpdate>generate(
                    () -> {
                      throw new IllegalStateException("database connection lost");
                    }))
            .iterator();
    CustomerOrderPublisher publisher =
        client.customerOrders().publisher().cursorStore(store).build();

    assertThatThrownBy(() -> publisher.publish(failing))
        .isInstanceOf(PublishHaltedException.class)
        .hasRootCauseMessage("database connection lost");
    Checkpoint stopped = store.load(CustomerOrderPublisher.DEFAULT_STREAM);
    long confirmed = Long.parseLong(stopped.position()) + stopped.doneIds().size();
    assertThat(confirmed).isEqualTo(orders.acceptedCount()).isLessThanOrEqualTo(50);

    PublishStats resumed = publisher.publish(input().stream());
    assertThat(resumed.skipped()).isEqualTo(confirmed);
    assertEveryOrderGotEveryVersionInOrder();
  }

  @Test
  void aNullInTheInputStopsTheRunNamingItsPosition() {
    List<CustomerOrderUpdate> input = new ArrayList<>(input().subList(0, 5));
    input.add(null);

    assertThatThrownBy(() -> client.customerOrders().publisher().build().publish(input.iterator()))
        .isInstanceOf(PublishHaltedException.class)
        .hasMessageContaining("the input has null at position 5")
        .satisfies(
            e -> assertThat(((PublishHaltedException) e).stats().sent()).isLessThanOrEqualTo(5));
  }

  @Test
  void reportsProgressToTheListener() {
    List<PublishStats> reports = new CopyOnWriteArrayList<>();

    PublishStats stats =
        client
            .customerOrders()
            .publisher()
            .progressInterval(Duration.ZERO)
            .listener(
                s -> {
                  reports.add(s);
                  throw new IllegalStateException("listener bug"); // ignored
                })
            .build()
            .publish(input().stream());

    assertThat(reports).hasSize(ORDERS * VERSIONS + 1);
    assertThat(reports.get(reports.size() - 1)).isEqualTo(stats);
    assertThat(reports).extracting(PublishStats::sent).isSorted();
    assertThat(stats.perSecond()).isPositive();
    assertThat(new PublishStats(5, 0, 0, Duration.ZERO).perSecond()).isZero();
    assertThat(new PublishStats(5, 0, 0, Duration.ofSeconds(2)).perSecond()).isEqualTo(2.5);
  }

  @Test
  void builderRejectsBadSettings() {
    CustomerOrderPublisher.Builder builder = client.customerOrders().publisher();
    assertThatThrownBy(() -> builder.concurrency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be at least 1 but was 0");
    assertThatThrownBy(() -> builder.maxAttempts(0))
        .hasMessage("maxAttempts must be at least 1 but was 0");
    assertThatThrownBy(() -> builder.commitEvery(-1))
        .hasMessage("commitEvery must be at least 1 but was -1");
    assertThatThrownBy(() -> builder.stream(" ")).hasMessage("stream is blank");
    assertThatThrownBy(() -> builder.progressInterval(Duration.ofSeconds(-1)))
        .hasMessage("progressInterval must not be negative but was PT-1S");
    CustomerOrderPublisher publisher = builder.build();
    assertThat(publisher.concurrency()).isEqualTo(CustomerOrderPublisher.DEFAULT_CONCURRENCY);
    assertThat(publisher.stream()).isEqualTo("hii-customer-orders");
  }

  @Test
  void aCheckpointOfAnotherKindIsRefused() {
    CursorStore store = CursorStore.inMemory();
    store.commit("queue", Checkpoint.initial().advance("ack-123", List.of()));

    assertThatThrownBy(
            () ->
                client.customerOrders().publisher().stream("queue")
                    .cursorStore(store)
                    .build()
                    .publish(input().stream()))
        .isInstanceOf(io.eventsync.poll.CursorStoreException.class)
        .hasMessageStartingWith(
            "the checkpoint of stream \"queue\" is not a customer-order publisher's");
  }
}
