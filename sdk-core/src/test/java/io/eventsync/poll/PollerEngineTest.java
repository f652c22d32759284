package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncException;
import io.eventsync.RetryPolicy;
import io.eventsync.testing.LingeringThreads;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerEngineTest {
  private final FakeQueue queue = new FakeQueue(50);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final List<String> handled = new CopyOnWriteArrayList<>();

  private PollerBuilder<FakeQueue.Event> builder(CursorStore store) {
    return new PollerBuilder<>(queue, clock, sleeper)
        .cursorStore(store)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .handler(event -> handled.add(event.id()));
  }

  private List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add("e" + i);
    }
    return ids;
  }

  @Test
  void drainHandsOverEveryEventOnceInOrder() {
    queue.emit(1_000, 7);
    Poller poller = builder(CursorStore.inMemory()).build();

    DrainResult result = poller.drain();

    assertThat(handled).containsExactlyElementsOf(ids(0, 1_000));
    assertThat(result.handled()).isEqualTo(1_000);
    assertThat(poller.checkpoint().doneIds()).isEmpty();
  }

  /** A store that runs {@code beforeCommit} and {@code afterCommit} around {@code target}'s. */
  private static CursorStore hooked(
      CursorStore target, Runnable beforeCommit, Consumer<Checkpoint> afterCommit) {
    return new CursorStore() {
      @Override
      public Checkpoint load(String stream) {
        return target.load(stream);
      }

      @Override
      public Checkpoint commit(String stream, Checkpoint checkpoint) {
        beforeCommit.run();
        Checkpoint stored = target.commit(stream, checkpoint);
        afterCommit.accept(stored);
        return stored;
      }
    };
  }

  @Test
  void drainCommitsABatchWhileFetchingTheNextAndHandsItOverOnlyOnceTheCommitIsStored()
      throws Exception {
    queue.emit(150, 1);
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch secondFetch = new CountDownLatch(1);
    queue.beforeFetch =
        () -> {
          log.add("fetch");
          if (queue.pulls == 1) {
            secondFetch.countDown();
          }
        };
    AtomicBoolean overlapped = new AtomicBoolean();
    CursorStore memory = CursorStore.inMemory();
    CursorStore store =
        hooked(
            memory,
            () -> {
              if (memory.load("fake").version() == 0) {
                try { // the second fetch starts while the first batch's commit is running
                  overlapped.set(secondFetch.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
              }
            },
            stored -> log.add("stored " + stored.version()));
    Poller poller =
        builder(store)
            .handler(
                event -> {
                  log.add("handle " + event.id());
                  handled.add(event.id());
                })
            .build();

    poller.drain();

    assertThat(overlapped).as("commit of batch 1 overlapped the fetch of batch 2").isTrue();
    assertThat(log)
        .containsSubsequence(
            "handle e49",
            "fetch",
            "stored 1",
            "handle e50",
            "handle e99",
            "stored 2",
            "handle e100");
    assertThat(handled).containsExactlyElementsOf(ids(0, 150));
  }

  @Test
  void drainThatCannotFetchThrowsOnlyOnceWhatItHandledIsCommitted() {
    queue.emit(100, 1);
    queue.beforeFetch =
        () -> {
          if (queue.pulls == 1) {
            throw new EventSyncException("queue was deleted");
          }
        };
    List<Long> committed = new CopyOnWriteArrayList<>();
    Poller poller =
        builder(CursorStore.inMemory())
            .listener(
                new PollerListener() {
                  @Override
                  public void committed(String stream, Checkpoint checkpoint) {
                    committed.add(checkpoint.version());
                  }
                })
            .build();

    assertThatThrownBy(poller::drain).hasMessage("queue was deleted");

    assertThat(handled).containsExactlyElementsOf(ids(0, 50));
    assertThat(committed).containsExactly(1L);
  }

  @Test
  void aFailedBackgroundCommitHaltsBeforeTheNextBatchAndARestartLosesNothing() {
    queue.emit(150, 1);
    CursorStore memory = CursorStore.inMemory();
    CursorStore failing =
        hooked(
            memory,
            () -> {
              throw new CursorStoreException("disk full", null);
            },
            stored -> {});
    Poller poller = builder(failing).build();

    assertThatThrownBy(poller::drain)
        .isInstanceOf(PollerHaltedException.class)
        .hasMessageContaining("disk full");
    assertThat(poller.state()).isEqualTo(PollerState.HALTED);
    assertThat(poller.failure()).isInstanceOf(CursorStoreException.class);
    // the second batch was fetched while the first one's commit failed: it was never handed over
    assertThat(handled).containsExactlyElementsOf(ids(0, 50));

    builder(memory).build().drain(); // a restart from the last checkpoint stored: none

    // that fetch acknowledged the first batch, which was handled: nothing is lost or repeated
    assertThat(handled).containsExactlyElementsOf(ids(0, 150));
  }

  /** Stands for the process dying inside a handler: nothing after it runs, nothing commits. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private Poller crashingAt(CursorStore store, CommitEvery commitEvery, String crashId) {
    return builder(store)
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
  void crashMidBatchWithEventCommitsGivesZeroDuplicateHandlerCalls() {
    queue.emit(120, 3);
    CursorStore store = CursorStore.inMemory();
    assertThatThrownBy(crashingAt(store, CommitEvery.EVENT, "e74")::drain)
        .isInstanceOf(SimulatedCrash.class);
    assertThat(handled).containsExactlyElementsOf(ids(0, 74));

    builder(store).build().drain(); // a new process on the same store

    assertThat(handled).containsExactlyElementsOf(ids(0, 120));
  }

  @Test
  void crashMidBatchWithBatchCommitsRedeliversOnlyTheBatchInFlight() {
    queue.emit(120, 3);
    CursorStore store = CursorStore.inMemory();
    assertThatThrownBy(crashingAt(store, CommitEvery.BATCH, "e60")::drain)
        .isInstanceOf(SimulatedCrash.class);
    assertThat(handled).containsExactlyElementsOf(ids(0, 60));

    handled.clear();
    builder(store).build().drain();

    // e50..e59 were handled but not committed: the batch in flight, and nothing older, comes again
    assertThat(handled).containsExactlyElementsOf(ids(50, 120));
  }

  @Test
  void haltKeepsTheCursorBeforeTheFailedEventAndSaysWhy() {
    queue.emit(10, 1);
    CursorStore store = CursorStore.inMemory();
    Poller poller =
        builder(store)
            .handler(
                event -> {
                  if (event.id().equals("e4")) {
                    throw new IllegalArgumentException("bad order e4");
                  }
                  handled.add(event.id());
                })
            .build();

    assertThatThrownBy(poller::drain)
        .isInstanceOfSatisfying(
            PollerHaltedException.class,
            e -> {
              assertThat(e.eventId()).isEqualTo("e4");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "handler failed on event e4 of stream \"fake\" after 3 attempts"
                          + " (java.lang.IllegalArgumentException: bad order e4); the poller halted"
                          + " and the cursor stays before the event");
            });
    assertThat(poller.state()).isEqualTo(PollerState.HALTED);
    assertThat(poller.failure()).hasMessage("bad order e4");
    assertThat(sleeper.waits()).hasSize(2); // two retries, never a real sleep
    assertThat(store.load("fake").doneIds()).containsExactly("e0", "e1", "e2", "e3");
    assertThatThrownBy(poller::pollOnce).isInstanceOf(IllegalStateException.class);

    handled.clear();
    builder(store).build().drain();
    assertThat(handled).containsExactlyElementsOf(ids(4, 10));
  }

  @Test
  void deadLettersThenReplaysWithTheStaleGuard() {
    queue.emit(30, 3); // keys k0,k1,k2; version = index
    DeadLetterSink sink = DeadLetterSink.inMemory();
    Set<String> failing = new HashSet<>(Set.of("e3", "e4"));
    Poller poller =
        builder(CursorStore.inMemory())
            .failurePolicy(FailurePolicy.deadLetter(sink))
            .staleGuard(FakeQueue.Event::key, FakeQueue.Event::version)
            .handler(
                event -> {
                  if (failing.contains(event.id())) {
                    throw new IllegalStateException("downstream down for " + event.id());
                  }
                  handled.add(event.id());
                })
            .build();

    DrainResult result = poller.drain();

    assertThat(result.deadLettered()).isEqualTo(2);
    assertThat(sink.pending())
        .extracting(DeadLetter::eventId, DeadLetter::error, DeadLetter::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "e3", "java.lang.IllegalStateException: downstream down for e3", 3),
            org.assertj.core.groups.Tuple.tuple(
                "e4", "java.lang.IllegalStateException: downstream down for e4", 3));
    // e3 (k0, v3) is older than k0's newest processed version (e27); e4 likewise for k1 (e28).
    // Make a fresh key stale-proof: e4 replays only if nothing newer of k1 was processed.
    failing.clear();
    handled.clear();
    ReplayReport report = poller.replayDeadLetters();

    assertThat(report).isEqualTo(new ReplayReport(0, 2, 0));
    assertThat(handled).isEmpty();
    assertThat(sink.pending()).isEmpty();
  }

  @Test
  void replayHandlesDeadLettersWhoseEntityHasNothingNewer() {
    queue.emit(6, 6); // every event its own key
    DeadLetterSink sink = DeadLetterSink.inMemory();
    Set<String> failing = new HashSet<>(Set.of("e2"));
    Poller poller =
        builder(CursorStore.inMemory())
            .failurePolicy(FailurePolicy.deadLetter(sink))
            .staleGuard(FakeQueue.Event::key, FakeQueue.Event::version)
            .handler(
                event -> {
                  if (failing.contains(event.id())) {
                    throw new IllegalStateException("still down");
                  }
                  handled.add(event.id());
                })
            .build();
    poller.drain();
    assertThat(poller.replayDeadLetters()).isEqualTo(new ReplayReport(0, 0, 1));
    assertThat(sink.pending()).hasSize(1);

    failing.clear();
    assertThat(poller.replayDeadLetters()).isEqualTo(new ReplayReport(1, 0, 0));
    assertThat(handled).endsWith("e2");
    assertThat(sink.pending()).isEmpty();
  }

  @Test
  void keepsOrderPerKeyUnderConcurrency() {
    queue.emit(2_000, 13);
    Map<String, List<Long>> perKey = new ConcurrentHashMap<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Poller poller =
        builder(CursorStore.inMemory())
            .concurrency(4, FakeQueue.Event::key)
            .handler(
                event -> {
                  threads.add(Thread.currentThread().getName());
                  perKey
                      .computeIfAbsent(
                          event.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(event.version());
                  handled.add(event.id());
                })
            .build();

    poller.drain();
    poller.close();

    assertThat(handled).hasSize(2_000).doesNotHaveDuplicates();
    assertThat(perKey).hasSize(13);
    perKey.values().forEach(versions -> assertThat(versions).isSorted());
    assertThat(threads).allMatch(name -> name.startsWith("eventsync-poller-fake-"));
  }

  @Test
  void backgroundPollerHandlesNewEventsAndCloseLeavesNoThreads() throws Exception {
    queue.emit(100, 2);
    Poller poller =
        new PollerBuilder<>(queue, clock, io.eventsync.Sleeper.SYSTEM)
            .cursorStore(CursorStore.inMemory())
            .idleBackoff(Duration.ofMillis(5))
            .concurrency(2, FakeQueue.Event::key)
            .handler(event -> handled.add(event.id()))
            .build();
    poller.start();
    awaitHandled(100);
    queue.emit(50, 2);
    awaitHandled(150);

    CloseReport report = poller.close(Duration.ofSeconds(10));

    assertThat(report.clean()).isTrue();
    assertThat(report.handled()).isEqualTo(150);
    assertThat(poller.state()).isEqualTo(PollerState.CLOSED);
    assertThat(livePollerThreads()).isEmpty();
    assertThat(handled).containsExactlyInAnyOrderElementsOf(ids(0, 150));
  }

  @Test
  void closeReturnsOnlyOnceEveryThreadOfThePollerHasEnded() throws Exception {
    queue.emit(200, 4);
    List<Thread> started = new CopyOnWriteArrayList<>();
    Poller poller =
        new PollerBuilder<>(queue, clock, io.eventsync.Sleeper.SYSTEM)
            // a store the poller cannot tell is in memory: its commits overlap on a thread
            .cursorStore(hooked(CursorStore.inMemory(), () -> {}, checkpoint -> {}))
            .idleBackoff(Duration.ofMillis(5))
            .concurrency(2, FakeQueue.Event::key)
            .threadFactory(LingeringThreads.lingering(Duration.ofMillis(200), started))
            .handler(event -> handled.add(event.id()))
            .build();
    poller.start();
    awaitHandled(200);

    CloseReport report = poller.close(Duration.ofSeconds(10));

    assertThat(report.clean()).isTrue();
    assertThat(started).as("loop, two workers and the committer").hasSizeGreaterThanOrEqualTo(4);
    assertThat(started).noneMatch(Thread::isAlive);
  }

  private void awaitHandled(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (handled.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(2); // waiting for a condition, not for a backoff
    }
    assertThat(handled).hasSizeGreaterThanOrEqualTo(count);
  }

  @Test
  void aSupersededPollerCannotMoveTheCursorAndHalts() {
    queue.emit(200, 1);
    CursorStore store = CursorStore.inMemory();
    Poller first = builder(store).build();
    first.pollOnce(); // loads version 0, commits version 1
    Poller second = builder(store).build();
    second.pollOnce(); // takes over: loads version 1, commits version 2
    Checkpoint afterSecond = store.load("fake");

    assertThatThrownBy(first::pollOnce)
        .isInstanceOf(PollerHaltedException.class)
        .hasMessageContaining("another poller moved the cursor");
    assertThat(first.state()).isEqualTo(PollerState.HALTED);
    assertThat(store.load("fake")).isEqualTo(afterSecond);
  }

  @Test
  void fileStoreSurvivesRestartAndRefusesCorruptFiles(@TempDir Path dir) throws Exception {
    queue.emit(70, 1);
    try (Poller first = builder(CursorStore.file(dir)).build()) {
      first.pollOnce();
    }
    Checkpoint saved = CursorStore.file(dir).load("fake");
    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved.position()).isNotNull();

    handled.clear();
    try (Poller restarted = builder(CursorStore.file(dir)).build()) {
      restarted.drain();
    }
    assertThat(handled).containsExactlyElementsOf(ids(50, 70));

    Path file = dir.resolve("fake.checkpoint.json");
    Files.writeString(file, "{\"stream\": \"fake\", \"position\": ");
    Files.writeString(dir.resolve("fake.checkpoint.json.alt"), "{\"stream\": \"fake\"");
    assertThatThrownBy(() -> builder(CursorStore.file(dir)).build().pollOnce())
        .isInstanceOf(CursorStoreException.class)
        .hasMessageStartingWith("checkpoint file " + file + " of stream \"fake\" is corrupt")
        .hasMessageContaining("refusing to start over from the beginning");
  }

  @Test
  void lagIsReportedFromTheInjectedClock() {
    queue.emit(1, 1);
    List<Duration> lags = new CopyOnWriteArrayList<>();
    builder(CursorStore.inMemory())
        .listener(
            new PollerListener() {
              @Override
              public void eventHandled(String stream, String eventId, Duration lag) {
                lags.add(lag);
              }
            })
        .build()
        .drain();

    assertThat(lags)
        .containsExactly(Duration.between(Instant.ofEpochSecond(1_700_000_000L), clock.instant()));
  }

  @Test
  void builderRequiresACursorStoreAndAHandler() {
    assertThatThrownBy(() -> new PollerBuilder<>(queue, clock, sleeper).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cursorStore is required");
    assertThatThrownBy(
            () ->
                new PollerBuilder<>(queue, clock, sleeper)
                    .cursorStore(CursorStore.inMemory())
                    .build())
        .hasMessageStartingWith("a handler is required");
    assertThatThrownBy(() -> builder(CursorStore.inMemory()).concurrency(0, FakeQueue.Event::key))
        .hasMessage("concurrency must be between 1 and 256 but was 0");
  }

  /** A lease the test hands out and takes away. */
  private static final class ToggleLease implements Lease {
    volatile boolean available = true;
    volatile boolean held;
    volatile long epoch;

    @Override
    public boolean tryAcquire() {
      if (available && !held) {
        held = true;
        epoch++;
      }
      return held;
    }

    @Override
    public boolean isHeld() {
      return held && available;
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public void close() {
      held = false;
    }
  }

  @Test
  void pollerWithoutTheLeaseFetchesNothing() {
    queue.emit(10, 1);
    ToggleLease lease = new ToggleLease();
    lease.available = false;
    Poller poller = builder(CursorStore.inMemory()).lease(lease).build();

    assertThat(poller.pollOnce()).isEqualTo(new PollResult(0, 0, 0, 0, true));
    assertThat(queue.pulls).isZero();

    lease.available = true;
    poller.drain();
    assertThat(handled).containsExactlyElementsOf(ids(0, 10));
  }

  @Test
  void losingTheLeaseStopsHandingOverAtOnceAndTheNextHolderResumes() {
    queue.emit(100, 1);
    CursorStore store = CursorStore.inMemory();
    ToggleLease first = new ToggleLease();
    Poller leader =
        builder(store)
            .lease(first)
            .commitEvery(CommitEvery.EVENT)
            .handler(
                event -> {
                  handled.add(event.id());
                  if (event.id().equals("e20")) {
                    first.available = false; // renewal failed while handling e20
                  }
                })
            .build();

    leader.pollOnce();
    assertThat(handled).containsExactlyElementsOf(ids(0, 21));

    ToggleLease second = new ToggleLease();
    builder(store).lease(second).build().drain();
    assertThat(handled).containsExactlyElementsOf(ids(0, 100));
  }

  @Test
  void aHandlerMayCloseItsOwnPollerWhichStopsAfterThatEventAndCommits() throws Exception {
    queue.emit(120, 1);
    CursorStore store = CursorStore.inMemory();
    Poller[] self = new Poller[1];
    self[0] =
        new PollerBuilder<>(queue, clock, io.eventsync.Sleeper.SYSTEM)
            .cursorStore(store)
            .idleBackoff(Duration.ofMillis(5))
            .handler(
                event -> {
                  handled.add(event.id());
                  if (event.id().equals("e69")) {
                    self[0].close(Duration.ZERO);
                  }
                })
            .build();
    self[0].start();
    awaitHandled(70);
    CloseReport report = self[0].close(Duration.ofSeconds(10));

    assertThat(report.clean()).isTrue();
    assertThat(handled).containsExactlyElementsOf(ids(0, 70));
    handled.clear();
    builder(store).build().drain();
    assertThat(handled).containsExactlyElementsOf(ids(70, 120));
  }

  @Test
  void singleFileStoreRefusesAnotherStreamsFile(@TempDir Path dir) {
    CursorStore store = CursorStore.singleFile(dir.resolve("cursor.json"));
    store.commit("a", Checkpoint.initial().advance("p", List.of()));

    assertThat(store.load("a").position()).isEqualTo("p");
    assertThatThrownBy(() -> store.load("b"))
        .isInstanceOf(CursorStoreException.class)
        .hasMessageEndingWith(
            "belongs to stream \"a\", not \"b\"; use another file for this stream");
  }

  @Test
  void aBackgroundPollerWhoseCursorCannotBeReadHaltsAndSaysWhy(@TempDir Path dir) throws Exception {
    queue.emit(5, 1);
    Files.writeString(dir.resolve("fake.checkpoint.json"), "{broken");
    Poller poller =
        new PollerBuilder<>(queue, clock, io.eventsync.Sleeper.SYSTEM)
            .cursorStore(CursorStore.file(dir))
            .handler(event -> handled.add(event.id()))
            .build();

    poller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (poller.state() != PollerState.HALTED && System.nanoTime() < deadline) {
      Thread.sleep(2); // waiting for a condition, not for a backoff
    }

    assertThat(poller.state()).isEqualTo(PollerState.HALTED);
    assertThat(poller.failure())
        .isInstanceOf(CursorStoreException.class)
        .hasMessageContaining("is corrupt");
    assertThat(handled).isEmpty();
    poller.close();
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
