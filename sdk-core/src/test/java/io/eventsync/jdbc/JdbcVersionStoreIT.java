package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.FailurePolicy;
import io.eventsync.poll.Poller;
import io.eventsync.poll.ReplayReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdbcVersionStoreIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();

  @Test
  void unknownKeyHasNoVersion() {
    assertThat(JdbcVersionStore.create(db).newest("nobody")).isNull();
  }

  @Test
  void processedKeepsTheLargerVersion() {
    JdbcVersionStore store = JdbcVersionStore.create(db);

    store.processed("order-1", 5);
    store.processed("order-1", 3);
    assertThat(store.newest("order-1")).isEqualTo(5);

    store.processed("order-1", 7);
    assertThat(JdbcVersionStore.create(db).newest("order-1")).isEqualTo(7);
  }

  @Test
  void concurrentFirstWritesOfOneKeyKeepTheLargest() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 10; round++) {
        String key = "race-" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (int version = 1; version <= 4; version++) {
          long v = version;
          writes.add(
              executor.submit(
                  () -> {
                    go.await();
                    JdbcVersionStore.create(db).processed(key, v);
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> write : writes) {
          write.get();
        }
        assertThat(JdbcVersionStore.create(db).newest(key)).isEqualTo(4);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void replayDropsDeadLettersOlderThanTheNewestProcessedVersionOfTheirEntity() {
    MemoryQueue queue = new MemoryQueue("stale", 50);
    queue.emit(10); // e0..e9; entity k0 has the even events, k1 the odd ones, version = seq
    Set<String> failing = ConcurrentHashMap.newKeySet();
    failing.addAll(List.of("e2", "e3", "e9"));
    JdbcDeadLetterSink sink = JdbcDeadLetterSink.builder(db).tableName("stale_dead").build();
    Effects effects = new Effects(db, "stale_effects");
    Poller poller =
        Effects.poller(queue)
            .cursorStore(JdbcCursorStore.builder(db).tableName("stale_cursors").build())
            .failurePolicy(FailurePolicy.deadLetter(sink))
            .staleGuard(event -> "k" + (event.seq() % 2), MemoryQueue.Event::seq)
            .versionStore(JdbcVersionStore.builder(db).tableName("stale_versions").build())
            .handler(
                (event, connection) -> {
                  if (failing.contains(event.id())) {
                    throw new IllegalStateException("failing " + event.id());
                  }
                  effects.record(connection, event.id(), "poller");
                })
            .build();

    poller.drain();
    assertThat(sink.pending()).extracting(d -> d.eventId()).containsExactly("e2", "e3", "e9");
    failing.clear();
    ReplayReport report = poller.replayDeadLetters();
    poller.close();

    assertThat(report).isEqualTo(new ReplayReport(1, 2, 0)); // e9 replayed; e2, e3 stale
    assertThat(sink.pending()).isEmpty();
    assertThat(effects.counts().keySet())
        .containsExactlyInAnyOrder("e0", "e1", "e4", "e5", "e6", "e7", "e8", "e9");
    assertThat(JdbcVersionStore.builder(db).tableName("stale_versions").build().newest("k1"))
        .isEqualTo(9);
  }
}
