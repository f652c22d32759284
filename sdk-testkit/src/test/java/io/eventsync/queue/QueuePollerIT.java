package io.eventsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncClient;
import io.eventsync.RetryPolicy;
import io.eventsync.poll.CloseReport;
import io.eventsync.poll.CommitEvery;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.CursorStoreException;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.poll.FailurePolicy;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerHaltedException;
import io.eventsync.poll.PollerState;
import io.eventsync.poll.ReplayReport;
import io.eventsync.testkit.EventSyncSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The queue poller against the sandbox's Tiki queue, with its ack protocol and faults. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueuePollerIT {
  private EventSyncSandbox sandbox;
  private EventSyncClient client;
  private EventQueueApi queue;
  private String code;
  private final List<String> handled = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().sleeper(duration -> {}).build(); // retries never sleep
    queue = client.eventQueue();
    code = queue.createQueue("orders").code();
    for (EventType type : EventType.knownValues()) {
      queue.subscribe(code, type);
    }
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  /**
   * Emits {@code count} events round-robin over the documented types; returns their ids in order.
   */
  private List<String> emit(int count) {
    List<String> ids = new ArrayList<>();
    List<EventType> types = EventType.knownValues();
    for (int i = 0; i < count; i += 100) {
      EventType type = types.get((i / 100) % types.size());
      for (Map<String, Object> event :
          sandbox.emitTikiEvents(type.value(), Math.min(100, count - i))) {
        ids.add((String) event.get("id"));
      }
    }
    return ids;
  }

  @Test
  void tenThousandEventsAreHandledOnceInOrderWithChaosFaultsOn() {
    List<String> emitted = emit(10_000);
    sandbox.chaos(0.2, 7);
    Poller poller =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .handler(event -> handled.add(event.id()))
            .build();

    poller.drain();

    assertThat(handled).containsExactlyElementsOf(emitted);
    assertThat(sandbox.stats().faultsByKind().values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThan(20);
    sandbox.chaos(0, 0);
    assertThat(sandbox.unacknowledgedEvents(code))
        .isLessThanOrEqualTo(50); // the last batch, acked by the next pull
  }

  /** Stands for the process dying inside a handler: nothing after it runs, nothing commits. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private Poller crashingAt(CommitEvery commitEvery, String crashId) {
    return queue
        .poller(code)
        .cursorStore(CursorStore.file(dir))
        .commitEvery(commitEvery)
        .handler(
            event -> {
              if (event.id().equals(crashId)) {
                throw new SimulatedCrash();
              }
              handled.add(event.id());
            })
        .build();
  }

  @Test
  void aCrashMidBatchRedeliversOnlyTheBatchInFlight() {
    List<String> emitted = emit(200);
    assertThatThrownBy(crashingAt(CommitEvery.BATCH, emitted.get(120))::drain)
        .isInstanceOf(SimulatedCrash.class);
    assertThat(handled).containsExactlyElementsOf(emitted.subList(0, 120));

    List<String> firstRun = new ArrayList<>(handled);
    handled.clear();
    queue
        .poller(code)
        .cursorStore(CursorStore.file(dir))
        .handler(e -> handled.add(e.id()))
        .build()
        .drain();

    // the batch in flight was emitted[100..150): its handled part comes again, nothing older
    assertThat(handled).containsExactlyElementsOf(emitted.subList(100, 200));
    Set<String> duplicates = new HashSet<>(firstRun);
    duplicates.retainAll(handled);
    assertThat(duplicates).containsExactlyInAnyOrderElementsOf(emitted.subList(100, 120));
  }

  @Test
  void withCommitEveryEventACrashCausesNoDuplicateHandlerCall() {
    List<String> emitted = emit(200);
    assertThatThrownBy(crashingAt(CommitEvery.EVENT, emitted.get(120))::drain)
        .isInstanceOf(SimulatedCrash.class);

    queue
        .poller(code)
        .cursorStore(CursorStore.file(dir))
        .handler(e -> handled.add(e.id()))
        .build()
        .drain();

    assertThat(handled).containsExactlyElementsOf(emitted);
  }

  @Test
  void haltKeepsTheCursorBeforeTheFailedEvent() {
    List<String> emitted = emit(60);
    String poison = emitted.get(10);
    Poller poller =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
            .handler(
                event -> {
                  if (event.id().equals(poison)) {
                    throw new IllegalStateException("cannot apply " + event.id());
                  }
                  handled.add(event.id());
                })
            .build();

    assertThatThrownBy(poller::drain)
        .isInstanceOfSatisfying(
            PollerHaltedException.class, e -> assertThat(e.eventId()).isEqualTo(poison));
    assertThat(poller.state()).isEqualTo(PollerState.HALTED);
    assertThat(sandbox.unacknowledgedEvents(code)).isEqualTo(60);

    handled.clear();
    queue
        .poller(code)
        .cursorStore(CursorStore.file(dir))
        .handler(e -> handled.add(e.id()))
        .build()
        .drain();
    assertThat(handled).containsExactlyElementsOf(emitted.subList(10, 60));
  }

  @Test
  void deadLettersAndReplaysThemWithTheStaleGuard() {
    // Order A: status events 0..4; order B: 0..1. A's event 1 and B's event 1 fail at first.
    List<String> ids = new ArrayList<>();
    String[][] script = {{"A", "0"}, {"A", "1"}, {"B", "0"}, {"A", "2"}, {"B", "1"}};
    for (String[] step : script) {
      ids.add(
          (String)
              sandbox
                  .emitTikiEvents(
                      "ORDER_STATUS_UPDATED",
                      EventSyncSandbox.DEV_SELLER_ID,
                      Map.of("order_code", step[0], "status", "step-" + step[1]),
                      1)
                  .get(0)
                  .get("id"));
    }
    Set<String> failing = ConcurrentHashMap.newKeySet();
    failing.add(ids.get(1));
    failing.add(ids.get(4));
    DeadLetterSink sink = DeadLetterSink.file(dir.resolve("dead.jsonl"));
    Poller poller =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .retryPolicy(RetryPolicy.none())
            .failurePolicy(FailurePolicy.deadLetter(sink))
            .staleGuard(
                e -> ((QueueEventPayload.OrderStatusUpdated) e.payload()).orderCode(),
                e -> e.createdAt().toEpochMilli() * 1000 + ids.indexOf(e.id()))
            .handler(
                event -> {
                  if (failing.contains(event.id())) {
                    throw new IllegalStateException("downstream refused " + event.id());
                  }
                  handled.add(event.id());
                })
            .build();

    poller.drain();
    assertThat(sink.pending()).extracting(l -> l.eventId()).containsExactly(ids.get(1), ids.get(4));

    failing.clear();
    ReplayReport report = poller.replayDeadLetters();

    // A's event 1 is older than A's event 2, already applied: stale. B's event 1 is B's newest.
    assertThat(report).isEqualTo(new ReplayReport(1, 1, 0));
    assertThat(handled).containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(4));
    assertThat(sink.pending()).isEmpty();
  }

  @Test
  void keepsOrderPerOrderCodeUnderConcurrencyFour() {
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    for (int i = 0; i < 400; i++) {
      String order = "O" + (i % 7);
      sandbox.emitTikiEvents(
          "ORDER_STATUS_UPDATED",
          EventSyncSandbox.DEV_SELLER_ID,
          Map.of("order_code", order, "status", "step-" + i),
          1);
      expected.computeIfAbsent(order, k -> new ArrayList<>()).add(i);
    }
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Poller poller =
        queue
            .poller(code)
            .cursorStore(CursorStore.inMemory())
            .concurrency(4, e -> ((QueueEventPayload.OrderStatusUpdated) e.payload()).orderCode())
            .handler(
                event -> {
                  QueueEventPayload.OrderStatusUpdated p =
                      (QueueEventPayload.OrderStatusUpdated) event.payload();
                  seen.computeIfAbsent(
                          p.orderCode(), k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(Integer.parseInt(p.status().value().substring("step-".length())));
                })
            .build();

    poller.drain();
    poller.close();

    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void unknownEventTypesAreHandedOverAsTheUnknownVariant() {
    queue.subscribe(code, EventType.of("PRODUCT_ATTRIBUTE_UPDATED"));
    sandbox.emitTikiEvents(
        "PRODUCT_ATTRIBUTE_UPDATED", EventSyncSandbox.DEV_SELLER_ID, Map.of("product_id", 7), 1);
    List<QueueEvent> events = new CopyOnWriteArrayList<>();

    queue
        .poller(code)
        .cursorStore(CursorStore.inMemory())
        .handler(event -> events.add(event))
        .build()
        .drain();

    assertThat(events).hasSize(1);
    assertThat(events.get(0).type().isKnown()).isFalse();
    assertThat(events.get(0).payload())
        .isEqualTo(
            new QueueEventPayload.Unknown(
                EventType.of("PRODUCT_ATTRIBUTE_UPDATED"), "{\"product_id\":7}"));
  }

  @Test
  void aSecondPollerOnTheSameFileCursorIsRefusedBeforeItsHandlerIsCalled() throws Exception {
    List<String> emitted = emit(150);
    List<String> secondHandled = new CopyOnWriteArrayList<>();
    Poller first =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .handler(event -> handled.add(event.id()))
            .build();
    first.pollOnce(); // the first batch is handled and committed; the first poller lives on
    Poller second =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .handler(event -> secondHandled.add(event.id()))
            .build();

    assertThatThrownBy(second::drain)
        .isInstanceOf(CursorStoreException.class)
        .hasMessageContaining("is in use by another poller");
    assertThatThrownBy(second::start).isInstanceOf(CursorStoreException.class);
    first.drain();
    CloseReport report = first.close(Duration.ofSeconds(10));

    assertThat(secondHandled).isEmpty();
    assertThat(handled).containsExactlyElementsOf(emitted);
    assertThat(report.abandoned()).isEqualTo(CloseReport.Abandoned.NOTHING);
  }

  @Test
  void backgroundPollerClosesInPhasesAndLeavesNoThreads() throws Exception {
    List<String> emitted = emit(300);
    Poller poller =
        queue
            .poller(code)
            .cursorStore(CursorStore.file(dir))
            .idleBackoff(Duration.ofMillis(20))
            .concurrency(2, e -> e.id().substring(0, 1))
            .handler(event -> handled.add(event.id()))
            .build();
    poller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (handled.size() < emitted.size() && System.nanoTime() < deadline) {
      Thread.sleep(5); // waiting for a condition, not for a backoff
    }

    CloseReport report = poller.close(Duration.ofSeconds(10));

    assertThat(report.clean()).isTrue();
    assertThat(report.abandoned()).isIn(CloseReport.Abandoned.NOTHING, CloseReport.Abandoned.FETCH);
    assertThat(handled).containsExactlyInAnyOrderElementsOf(emitted);
    assertThat(livePollerThreads()).isEmpty();
  }

  /** Poller threads still alive, after giving threads that just finished a moment to exit. */
  private static Set<String> livePollerThreads() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<String> alive;
    do {
      alive =
          Thread.getAllStackTraces().keySet().stream()
              .filter(Thread::isAlive)
              .map(Thread::getName)
              .filter(name -> name.startsWith("eventsync-poller-"))
              .collect(Collectors.toSet());
      if (alive.isEmpty()) {
        break;
      }
      Thread.sleep(10); // a terminated pool's threads may take a moment to die
    } while (System.nanoTime() < deadline);
    return alive;
  }
}
