package io.eventsync.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.testkit.CustomerOrderRecord;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.EventSyncSandboxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Customer orders and the ordered publisher against the sandbox and its stale-guard. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(EventSyncSandboxExtension.class)
class CustomerOrdersIT {
  private static final int ORDERS = 25;
  private static final int VERSIONS = 6;

  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @BeforeEach
  void setUp(EventSyncSandbox sandbox) {
    this.sandbox = sandbox;
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static CustomerOrder order(String id, long version) {
    return CustomerOrder.builder(id, "customer-" + id, CustomerOrderStatus.of("STEP_" + version))
        .item(OrderItem.of("item-1", version, new BigDecimal("12.50")))
        .build();
  }

  /** Every order's versions 1..VERSIONS, interleaved across orders. */
  private static List<CustomerOrderUpdate> input() {
    List<CustomerOrderUpdate> updates = new ArrayList<>();
    for (long version = 1; version <= VERSIONS; version++) {
      for (int i = 0; i < ORDERS; i++) {
        updates.add(CustomerOrderUpdate.of("store-1", order("o-" + i, version), version));
      }
    }
    return updates;
  }

  /** Each order ends at its last version, every version applied once, nothing stale or lost. */
  private void assertEveryOrderAppliedInOrderExactlyOnce() {
    for (int i = 0; i < ORDERS; i++) {
      CustomerOrderRecord state = sandbox.customerOrder("store-1", "o-" + i);
      assertThat(state.version()).as("o-" + i).isEqualTo(VERSIONS);
      assertThat(state.customerOrder()).containsEntry("status", "STEP_" + VERSIONS);
      assertThat(state.staleIgnored()).as("o-" + i + " stale").isZero();
      assertThat(state.updates()).as("o-" + i + " updates").isEqualTo(VERSIONS);
    }
  }

  @Test
  void putStoresTheOrderWithItsVersion() {
    client.customerOrders().put("store-1", order("111", 3), 3);

    CustomerOrderRecord state = sandbox.customerOrder("store-1", "111");
    assertThat(state.version()).isEqualTo(3L);
    assertThat(state.customerOrder())
        .containsEntry("customerOrderId", "111")
        .containsEntry("status", "STEP_3");
  }

  @Test
  void publisherKeepsEachOrdersUpdatesInOrderUnderConcurrencyAndChaos() {
    sandbox.chaos(0.25, 42);
    DeadLetterSink sink = DeadLetterSink.inMemory();

    PublishStats stats =
        client
            .customerOrders()
            .publisher()
            .concurrency(8)
            .deadLetterSink(sink)
            .build()
            .publish(input().stream());

    assertThat(sink.pending()).isEmpty();
    assertThat(stats.sent()).isEqualTo(ORDERS * VERSIONS);
    assertThat(sandbox.stats().faultsByKind()).isNotEmpty();
    for (int i = 0; i < ORDERS; i++) {
      CustomerOrderRecord state = sandbox.customerOrder("store-1", "o-" + i);
      assertThat(state.version()).as("o-" + i).isEqualTo(VERSIONS);
      assertThat(state.staleIgnored()).as("o-" + i + " stale").isZero();
    }
  }

  @Test
  void aNewProcessResumesAfterACrashWithoutResendingConfirmedOrders(@TempDir Path state) {
    Stream<CustomerOrderUpdate> crashing =
        Stream.concat(
            input().stream().limit(70),
            Stream.<CustomerOrderUpdate>generate(
                () -> {
                  throw new IllegalStateException("simulated crash");
                }));
    assertThatThrownBy(
            () ->
                client.customerOrders().publisher().stream("migration")
                    .cursorStore(CursorStore.file(state))
                    .build()
                    .publish(crashing))
        .isInstanceOf(PublishHaltedException.class)
        .hasRootCauseMessage("simulated crash");

    try (EventSyncClient restarted = sandbox.clientBuilder().sleeper(duration -> {}).build()) {
      PublishStats stats =
          restarted.customerOrders().publisher().stream("migration")
              .cursorStore(CursorStore.file(state))
              .build()
              .publish(input().stream());

      assertThat(stats.skipped()).isPositive().isLessThanOrEqualTo(70);
      assertThat(stats.skipped() + stats.sent()).isEqualTo(ORDERS * VERSIONS);
    }
    assertEveryOrderAppliedInOrderExactlyOnce();
  }

  @Test
  void ordersThatStillFailAreDeadLetteredAndLaterUpdatesWin() {
    sandbox
        .faults()
        .next(1)
        .onPath("/business-units/store-1/customer-orders/o-3")
        .status(400)
        .install();
    DeadLetterSink sink = DeadLetterSink.inMemory();

    CustomerOrderPublisher publisher =
        client.customerOrders().publisher().deadLetterSink(sink).build();
    PublishStats stats = publisher.publish(input().stream());

    assertThat(stats.failed()).isEqualTo(1);
    assertThat(sink.pending()).hasSize(1);
    DeadLetter letter = sink.pending().get(0);
    assertThat(letter.eventId()).isEqualTo("store-1/o-3@1");
    assertThat(letter.error()).startsWith("InvalidRequestException: HTTP 400");

    // Replayed after newer versions were processed: accepted, and ignored by the stale-guard.
    PublishStats replay = publisher.replayDeadLetters();
    assertThat(replay.sent()).isEqualTo(1);
    assertThat(sink.pending()).isEmpty();
    CustomerOrderRecord state = sandbox.customerOrder("store-1", "o-3");
    assertThat(state.version()).isEqualTo(VERSIONS);
    assertThat(state.staleIgnored()).isEqualTo(1);
  }
}
