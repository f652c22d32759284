package io.eventsync.jdbc;

import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One poller per stream and replica, each with its stream's view of a {@link JdbcFleet} as its
 * lease and a shared {@link JdbcCursorStore}: as replicas join and leave, streams move between them
 * with every event's effect committed exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcFleetPollersIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final int STREAMS = 6;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<MemoryQueue> queues = new ArrayList<>();
  private final List<Effects> effects = new ArrayList<>();
  private final AtomicInteger handled = new AtomicInteger();

  /** A replica: its fleet membership and a poller per stream. */
  private final class Replica implements AutoCloseable {
    final JdbcFleet fleet;
    final List<Poller> pollers = new ArrayList<>();

    Replica(String id) {
      fleet =
          JdbcFleet.builder(db, "pollers", Duration.ofSeconds(1))
              .renewalInterval(Duration.ofMillis(200))
              .memberId(id)
              .build();
      JdbcCursorStore store = JdbcCursorStore.builder(db).tableName("pollers_cursors").build();
      for (int i = 0; i < STREAMS; i++) {
        Effects effect = effects.get(i);
        Poller poller =
            Effects.poller(queues.get(i))
                .cursorStore(store)
                .lease(fleet.lease(queues.get(i).stream()))
                .handler(
                    (event, connection) -> {
                      effect.record(connection, event.id(), id);
                      Thread.sleep(1);
                      handled.incrementAndGet();
                    })
                .build();
        pollers.add(poller);
        poller.start();
      }
    }

    @Override
    public void close() {
      pollers.forEach(poller -> poller.close(Duration.ofSeconds(5)));
      fleet.close();
    }
  }

  @Test
  void streamsMoveBetweenJoiningAndLeavingReplicasWithEveryEventHandledExactlyOnce()
      throws Exception {
    for (int i = 0; i < STREAMS; i++) {
      queues.add(new MemoryQueue("pollers-" + i, 10));
      effects.add(new Effects(db, "pollers_effects_" + i));
    }
    List<Replica> replicas = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      replicas.add(new Replica("a"));
      replicas.add(new Replica("b"));
      emitAndAwait(20);
      awaitTrue(() -> heldBy(replicas.get(0)) == 3 && heldBy(replicas.get(1)) == 3, WAIT);
      System.out.println(
          "two replicas balanced after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      replicas.add(new Replica("c")); // a and b hand a stream each over while events flow
      emitAndAwait(30);
      awaitTrue(() -> replicas.stream().allMatch(r -> heldBy(r) == 2), WAIT);
      System.out.println(
          "three replicas balanced after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      replicas.remove(0).close(); // a leaves: b and c take its streams over
      emitAndAwait(30);
      System.out.println("all handled after " + (System.nanoTime() - t0) / 1_000_000 + " ms");

      for (int i = 0; i < STREAMS; i++) {
        effects.get(i).assertExactlyOnce(80);
      }
      int moved = 0;
      for (Effects effect : effects) {
        moved += effect.workerRuns().size() - 1;
      }
      assertThat(moved).as("hand-offs between replicas").isGreaterThanOrEqualTo(3);
      for (Replica replica : replicas) {
        assertThat(replica.pollers)
            .as("pollers still running (none fenced by a graceful hand-off)")
            .allMatch(poller -> poller.state() == PollerState.RUNNING);
      }
    } finally {
      replicas.forEach(Replica::close);
    }
  }

  private static int heldBy(Replica replica) {
    return replica.fleet.heldStreams().size();
  }

  /** Emits {@code count} events on every stream and waits until every effect is recorded. */
  private void emitAndAwait(int count) throws InterruptedException {
    int target = handled.get() + count * STREAMS;
    for (MemoryQueue queue : queues) {
      queue.emit(count);
    }
    awaitTrue(() -> handled.get() >= target && allRecorded(), WAIT);
  }

  private boolean allRecorded() {
    for (int i = 0; i < STREAMS; i++) {
      if (effects.get(i).distinct() != queues.get(i).size()) {
        return false;
      }
    }
    return true;
  }
}
