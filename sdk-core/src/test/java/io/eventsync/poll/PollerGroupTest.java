package io.eventsync.poll;

import static io.eventsync.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerGroupTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Map<String, List<String>> handled = new ConcurrentHashMap<>();
  private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();
  private final List<PollerGroup> groups = new ArrayList<>();

  @AfterEach
  void closeGroups() {
    groups.forEach(PollerGroup::close);
  }

  private PollerGroup group(int threads) {
    PollerGroup group = PollerGroup.builder().name("test").threads(threads).build();
    groups.add(group);
    return group;
  }

  private PollerBuilder<FakeQueue.Event> poller(FakeQueue queue, CursorStore store) {
    return new PollerBuilder<>(queue, Clock.systemUTC(), Sleeper.SYSTEM)
        .cursorStore(store)
        .idleBackoff(Duration.ofMillis(20))
        .handler(
            event -> {
              handlerThreads.add(Thread.currentThread().getName());
              handled
                  .computeIfAbsent(queue.stream(), s -> new CopyOnWriteArrayList<>())
                  .add(event.id());
            });
  }

  private List<String> handledOf(String stream) {
    return handled.getOrDefault(stream, List.of());
  }

  private static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add("e" + i);
    }
    return ids;
  }

  private static FakeQueue queue(String stream, int events) {
    FakeQueue queue = new FakeQueue(stream, 10);
    if (events > 0) {
      queue.emit(events, 3);
    }
    return queue;
  }

  @Test
  void everyStreamIsHandledOnceAndInOrderOnTheGroupsFewThreads() {
    PollerGroup group = group(3);
    List<FakeQueue> queues = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      FakeQueue queue = queue("s" + i, 57);
      queues.add(queue);
      group.add(poller(queue, CursorStore.inMemory()));
    }

    await(
        "every stream handled",
        WAIT,
        () -> queues.stream().allMatch(q -> handledOf(q.stream()).size() >= 57));

    for (FakeQueue queue : queues) {
      assertThat(handledOf(queue.stream())).containsExactlyElementsOf(ids(0, 57));
    }
    assertThat(handlerThreads)
        .hasSizeLessThanOrEqualTo(3)
        .allMatch(n -> n.startsWith("eventsync-group-test-"));
    assertThat(group.streams()).hasSize(40);
  }

  @Test
  void oneStuckStreamDoesNotDelayTheOthers() throws InterruptedException {
    PollerGroup group = group(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(1);
    FakeQueue slow = queue("slow", 5);
    group.add(
        new PollerBuilder<>(slow, Clock.systemUTC(), Sleeper.SYSTEM)
            .cursorStore(CursorStore.inMemory())
            .handler(
                event -> {
                  stuck.countDown();
                  release.await();
                  handled
                      .computeIfAbsent("slow", s -> new CopyOnWriteArrayList<>())
                      .add(event.id());
                }));
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    List<FakeQueue> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      FakeQueue queue = queue("other" + i, 100);
      others.add(queue);
      group.add(poller(queue, CursorStore.inMemory()));
    }

    await(
        "the other streams handled while one is stuck",
        WAIT,
        () -> others.stream().allMatch(q -> handledOf(q.stream()).size() == 100));
    assertThat(handledOf("slow")).isEmpty();

    release.countDown();
    await("the stuck stream catches up", WAIT, () -> handledOf("slow").size() == 5);
    assertThat(handledOf("slow")).containsExactlyElementsOf(ids(0, 5));
  }

  @Test
  void idlePollersHoldNoThreadAndNewEventsAreHandledOnTheirNextTurn() {
    PollerGroup group = group(2);
    List<FakeQueue> queues = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      FakeQueue queue = queue("idle" + i, 0);
      queues.add(queue);
      group.add(poller(queue, CursorStore.inMemory()));
    }
    await(
        "every poller took its first turn", WAIT, () -> queues.stream().allMatch(q -> q.pulls > 0));

    queues.get(123).emit(3, 1);
    queues.get(7).emit(2, 1);

    await(
        "new events handled",
        WAIT,
        () -> handledOf("idle123").size() == 3 && handledOf("idle7").size() == 2);
    assertThat(groupThreads()).hasSizeLessThanOrEqualTo(3); // 2 workers and the timer
  }

  @Test
  void streamsAreAddedAndRemovedWhileTheGroupRuns() {
    PollerGroup group = group(2);
    FakeQueue a = queue("a", 20);
    CursorStore store = CursorStore.inMemory();
    group.add(poller(a, store));
    await("a handled", WAIT, () -> handledOf("a").size() == 20);

    assertThat(group.remove("a")).isTrue();
    assertThat(group.streams()).isEmpty();
    assertThat(group.poller("a")).isNull();
    a.emit(5, 1);
    FakeQueue b = queue("b", 10);
    group.add(poller(b, CursorStore.inMemory()));
    await("b handled", WAIT, () -> handledOf("b").size() == 10);
    assertThat(handledOf("a")).hasSize(20); // removed: nothing more handed over

    group.add(poller(a, store)); // the seller comes back: resumes from its checkpoint
    await("a resumed", WAIT, () -> handledOf("a").size() == 25);
    assertThat(handledOf("a")).containsExactlyElementsOf(ids(0, 25));
  }

  @Test
  void addingAStreamTwiceIsRefusedAndRemovingAnUnknownOneReturnsFalse() {
    PollerGroup group = group(1);
    group.add(poller(queue("a", 0), CursorStore.inMemory()));

    assertThatThrownBy(() -> group.add(poller(queue("a", 0), CursorStore.inMemory())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("poller group test already runs stream \"a\"; remove it first");
    assertThat(group.remove("nope")).isFalse();
    assertThat(group.streams()).containsExactly("a");
  }

  @Test
  void concurrencyAboveOneIsRefusedWithTheWayOut() {
    PollerGroup group = group(1);

    assertThatThrownBy(
            () ->
                group.add(
                    poller(queue("a", 0), CursorStore.inMemory()).concurrency(4, e -> e.key())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asks for concurrency 4")
        .hasMessageContaining("drop concurrency(...) or run this stream as a lone Poller");
    assertThat(group.streams()).isEmpty();
  }

  @Test
  void aHaltedStreamStopsAloneAndTheOthersGoOn() {
    PollerGroup group = group(2);
    FakeQueue bad = queue("bad", 5);
    Poller halting =
        group.add(
            new PollerBuilder<>(bad, Clock.systemUTC(), Sleeper.SYSTEM)
                .cursorStore(CursorStore.inMemory())
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                .handler(
                    event -> {
                      throw new IllegalStateException("cannot apply " + event.id());
                    }));
    FakeQueue good = queue("good", 30);
    group.add(poller(good, CursorStore.inMemory()));

    await("bad halted", WAIT, () -> halting.state() == PollerState.HALTED);
    good.emit(30, 2);
    await("good goes on", WAIT, () -> handledOf("good").size() == 60);

    assertThat(halting.failure()).hasMessage("cannot apply e0");
    assertThat(halting.health().healthy()).isFalse();
    assertThat(group.streams()).containsExactlyInAnyOrder("bad", "good");
  }

  @Test
  void aFailingHandlersRetryWaitsOnTheTimerWithoutHoldingTheWorker() {
    PollerGroup group = group(1);
    List<String> flakyOrder = new CopyOnWriteArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    FakeQueue steady = queue("steady", 20);
    FakeQueue flaky = queue("flaky", 3);
    // e1 fails until the other stream is done: with the one worker asleep between the retries,
    // the other stream would never get its turn and e1 would run out of attempts.
    group.add(
        new PollerBuilder<>(flaky, Clock.systemUTC(), Sleeper.SYSTEM)
            .cursorStore(CursorStore.inMemory())
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(100)
                    .initialBackoff(Duration.ofMillis(20))
                    .maxBackoff(Duration.ofMillis(20))
                    .build())
            .handler(
                event -> {
                  if (event.id().equals("e1") && handledOf("steady").size() < 20) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("downstream unavailable");
                  }
                  flakyOrder.add(event.id());
                }));
    group.add(poller(steady, CursorStore.inMemory()));

    await("both handled", WAIT, () -> flakyOrder.size() == 3);

    assertThat(flakyOrder).containsExactly("e0", "e1", "e2");
    assertThat(handledOf("steady")).containsExactlyElementsOf(ids(0, 20));
    assertThat(failures.get()).isBetween(1, 99);
  }

  @Test
  void theGroupsListenerHearsEveryStreamBesideEachStreamsOwn() {
    List<String> groupHeard = new CopyOnWriteArrayList<>();
    List<String> ownHeard = new CopyOnWriteArrayList<>();
    PollerGroup group =
        PollerGroup.builder()
            .name("heard")
            .threads(2)
            .listener(
                new PollerListener() {
                  @Override
                  public void eventHandled(String stream, String id, Duration lag, Duration time) {
                    groupHeard.add(stream + "/" + id);
                  }
                })
            .build();
    groups.add(group);
    group.add(
        poller(queue("a", 2), CursorStore.inMemory())
            .listener(
                new PollerListener() {
                  @Override
                  public void eventHandled(String stream, String id, Duration lag) {
                    ownHeard.add(stream + "/" + id);
                    throw new IllegalStateException(
                        "a listener that throws keeps nothing from the group's");
                  }
                }));
    group.add(poller(queue("b", 1), CursorStore.inMemory()));

    await("all heard", WAIT, () -> groupHeard.size() == 3);
    assertThat(groupHeard).containsExactlyInAnyOrder("a/e0", "a/e1", "b/e0");
    assertThat(ownHeard).containsExactly("a/e0", "a/e1");
  }

  @Test
  void closeClosesEveryStreamReportsEachAndEndsTheThreads() {
    PollerGroup group = group(2);
    CursorStore store = CursorStore.inMemory();
    for (int i = 0; i < 5; i++) {
      group.add(poller(queue("c" + i, 12), store));
    }
    await("handled", WAIT, () -> handled.values().stream().mapToInt(List::size).sum() == 60);

    Map<String, CloseReport> reports = group.close(Duration.ofSeconds(10));

    assertThat(reports).containsOnlyKeys("c0", "c1", "c2", "c3", "c4");
    assertThat(reports.values())
        .allSatisfy(
            r -> {
              assertThat(r.clean()).isTrue();
              assertThat(r.handled()).isEqualTo(12);
            });
    Checkpoint committed = reports.get("c3").lastCommitted();
    assertThat(committed.position()).isNotNull().isEqualTo(store.load("c3").position());
    assertThat(groupThreads()).isEmpty();
    assertThatThrownBy(() -> group.add(poller(queue("late", 0), store)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("poller group test is closed; cannot add stream \"late\"");
    assertThat(group.close(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void closeCutsAnIdleWaitShort() {
    PollerGroup group = group(1);
    group.add(poller(queue("a", 1), CursorStore.inMemory()).idleBackoff(Duration.ofMinutes(10)));
    await("handled", WAIT, () -> handledOf("a").size() == 1);

    long start = System.nanoTime();
    CloseReport report = group.close(Duration.ofSeconds(30)).get("a");

    assertThat(report.clean()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aHandlerMayRemoveItsOwnStream() {
    PollerGroup group = group(1);
    AtomicInteger calls = new AtomicInteger();
    FakeQueue queue = queue("self", 10);
    Poller poller =
        group.add(
            new PollerBuilder<>(queue, Clock.systemUTC(), Sleeper.SYSTEM)
                .cursorStore(CursorStore.inMemory())
                .handler(
                    event -> {
                      if (calls.incrementAndGet() == 3) {
                        group.poller("self").close(Duration.ofSeconds(5));
                      }
                    }));

    await("committed on its way out", WAIT, () -> poller.checkpoint().isDone("e2"));
    assertThat(calls.get()).isEqualTo(3); // nothing handed over after the event that closed it
    assertThat(poller.checkpoint().isDone("e3")).isFalse();
  }

  private static List<String> groupThreads() {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith("eventsync-group-test")) {
        names.add(thread.getName());
      }
    }
    return names;
  }
}
