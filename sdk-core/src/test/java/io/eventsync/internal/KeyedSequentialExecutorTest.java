package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyedSequentialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void tasksOfOneKeyRunOneAfterAnotherInTheOrderGiven() throws Exception {
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 4);
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(400);
    for (int i = 0; i < 100; i++) {
      for (String key : List.of("a", "b", "c", "d")) {
        int n = i;
        executor.execute(
            key,
            () -> {
              synchronized (seen) {
                if (seen.computeIfAbsent(key + "-running", k -> new ArrayList<>()).size() > 0) {
                  overlaps.incrementAndGet();
                }
                seen.get(key + "-running").add(n);
              }
              seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(n);
              running.incrementAndGet();
              synchronized (seen) {
                seen.get(key + "-running").clear();
              }
              done.countDown();
            });
      }
    }
    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps).hasValue(0);
    for (String key : List.of("a", "b", "c", "d")) {
      assertThat(seen.get(key)).isSorted().hasSize(100);
    }
  }

  @Test
  void otherKeysRunWhileOneKeyIsBlocked() throws Exception {
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherRan = new CountDownLatch(1);
    executor.execute("slow", () -> await(release));
    executor.execute("fast", otherRan::countDown);
    assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();
  }

  @Test
  void noMoreThanParallelismKeysRunAtOnce() throws Exception {
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(6);
    for (int i = 0; i < 6; i++) {
      executor.execute(
          "key" + i,
          () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            await(release);
            running.decrementAndGet();
            done.countDown();
          });
    }
    Thread.onSpinWait();
    assertThat(executor.pending()).isGreaterThanOrEqualTo(4); // at most two have started
    release.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(most.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void aTaskThatThrowsDoesNotStopItsKeysLaterTasks() throws Exception {
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 1);
    CountDownLatch later = new CountDownLatch(1);
    executor.execute(
        "k",
        () -> {
          throw new IllegalStateException("boom (expected by the test)");
        });
    executor.execute("k", later::countDown);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void discardPendingDropsTasksNotYetStarted() throws Exception {
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    executor.execute(
        "k",
        () -> {
          started.countDown();
          await(release);
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    executor.execute("k", ran::incrementAndGet);
    executor.execute("other", ran::incrementAndGet);
    assertThat(executor.discardPending()).isEqualTo(2);
    release.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasValue(0);
  }

  @Test
  void aShutDownExecutorRefusesNewKeysAndKeepsNoTrace() {
    pool.shutdown();
    KeyedSequentialExecutor executor = new KeyedSequentialExecutor(pool, 1);
    assertThatThrownBy(() -> executor.execute("k", () -> {}))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(executor.pending()).isZero();
  }

  @Test
  void parallelismBelowOneIsRefused() {
    assertThatThrownBy(() -> new KeyedSequentialExecutor(pool, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("parallelism must be at least 1");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
