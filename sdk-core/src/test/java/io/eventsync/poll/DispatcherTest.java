package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.RetryPolicy;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DispatcherTest {
  private final FakeQueue queue = new FakeQueue(10);

  private PollerBuilder<FakeQueue.Event> builder() {
    return new PollerBuilder<>(
            queue, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), new RecordingSleeper())
        .cursorStore(CursorStore.inMemory())
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build());
  }

  private static List<PolledEvent<FakeQueue.Event>> events(int count, int keys) {
    List<PolledEvent<FakeQueue.Event>> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FakeQueue.Event event = new FakeQueue.Event("e" + i, "k" + (i % keys), i, null);
      events.add(new PolledEvent<>(event, event.id(), "TEST", null, event.key()));
    }
    return events;
  }

  private static <E> void startBatch(PollerParts<E> parts) {
    parts.committer.resume();
  }

  @Test
  void concurrentDispatchKeepsEachKeysEventsInOrder() {
    Map<String, List<Long>> seen = new ConcurrentHashMap<>();
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder()
                .handler(
                    event ->
                        seen.computeIfAbsent(event.key(), k -> new CopyOnWriteArrayList<>())
                            .add(event.version()))
                .concurrency(4, FakeQueue.Event::key));
    startBatch(parts);

    BatchOutcome outcome = parts.dispatcher.dispatch(events(400, 7), 1);

    assertThat(outcome.handled()).isEqualTo(400);
    assertThat(seen).hasSize(7);
    seen.values().forEach(versions -> assertThat(versions).isSorted());
    assertThat(parts.dispatcher.handledTotal()).isEqualTo(400);
  }

  @Test
  void aKeyWhoseEventFailsStopsWhileEventsHandedOverBeforeTheHaltAreKept() {
    List<String> handled = new CopyOnWriteArrayList<>();
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder()
                .handler(
                    event -> {
                      if (event.id().equals("e2")) {
                        throw new IllegalStateException("e2 is broken");
                      }
                      handled.add(event.id());
                    })
                .concurrency(2, FakeQueue.Event::key));
    startBatch(parts);

    BatchOutcome outcome = parts.dispatcher.dispatch(events(6, 2), 1); // k0: e0 e2 e4; k1: e1 e3 e5

    assertThat(outcome.halt()).hasMessageContaining("event e2");
    assertThat(handled).contains("e0").doesNotContain("e2", "e4");
  }

  @Test
  void aBatchHandlersTimeIsSharedEvenlyAmongItsEvents() {
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(builder().batchHandler(batch -> assertThat(batch).hasSize(4)));
    startBatch(parts);

    BatchOutcome outcome = parts.dispatcher.dispatch(events(4, 1), 1);

    assertThat(outcome.handled()).isEqualTo(4);
    assertThat(parts.heard.calls)
        .containsExactly("handled e0", "handled e1", "handled e2", "handled e3");
    assertThat(parts.heard.handlerTimes).hasSize(4).containsOnly(parts.heard.handlerTimes.get(0));
    assertThat(parts.heard.handlerTimes.get(0)).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void inOrderDispatchHandsNothingOverOnceTheLeaseIsLost() {
    SwitchableLease lease = new SwitchableLease();
    List<String> handled = new CopyOnWriteArrayList<>();
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder()
                .handler(
                    event -> {
                      handled.add(event.id());
                      lease.held.set(false); // the renewal failed while e0 was handled
                    })
                .lease(lease));
    parts.committer.holdLease();
    startBatch(parts);

    BatchOutcome outcome = parts.dispatcher.dispatch(events(3, 1), 1);

    assertThat(handled).containsExactly("e0");
    assertThat(outcome.isLeaseLost()).isTrue();
  }

  @Test
  void commitEveryEventCommitsBeforeTheListenerHearsOfTheEvent() {
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(builder().handler(event -> {}).commitEvery(CommitEvery.EVENT));
    startBatch(parts);

    parts.dispatcher.dispatch(events(2, 1), 1);

    assertThat(parts.heard.calls)
        .containsExactly("committed null", "handled e0", "committed null", "handled e1");
    assertThat(parts.committer.lastCommitted().doneIds()).containsExactly("e0", "e1");
  }
}
