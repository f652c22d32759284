package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncException;
import io.eventsync.poll.Poller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transactional handler's effects happen exactly once although pollers die at random points:
 * connections aborted at random statements and commits (some commits applied but reported as
 * failed), and pollers stopped or abandoned mid-batch and replaced at once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExactlyOnceIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();

  @Test
  void effectsHappenExactlyOnceWhenConnectionsAbortAtRandomStatements() {
    int events = 300;
    MemoryQueue queue = new MemoryQueue("chaos", 25);
    queue.emit(events);
    Effects effects = new Effects(db, "chaos_effects");
    FaultyDataSource chaos = new FaultyDataSource(db).chaos(0.02, 8);
    JdbcCursorStore store = JdbcCursorStore.builder(chaos).tableName("chaos_checkpoints").build();

    int crashes = 0;
    for (int run = 0; effects.distinct() < events; run++) {
      assertThat(run).as("poller runs").isLessThan(2_000);
      Poller poller = effects.recordingPoller(queue, store, "run-" + run);
      try {
        poller.drain();
      } catch (EventSyncException e) { // halted or failed: a crash; the next poller restarts
        crashes++;
      } finally {
        poller.close();
      }
    }

    effects.assertExactlyOnce(events);
    assertThat(chaos.strikes()).isGreaterThan(20);
    assertThat(crashes).isGreaterThan(5);
    assertThat(chaos.openConnections()).isZero();
  }

  @Test
  void effectsHappenExactlyOnceWhenPollersAreStoppedOrAbandonedMidBatch() throws Exception {
    int events = 600;
    MemoryQueue queue = new MemoryQueue("stopped", 40);
    queue.emit(events);
    Effects effects = new Effects(db, "stopped_effects");
    JdbcCursorStore store = JdbcCursorStore.builder(db).tableName("stopped_checkpoints").build();
    Random random = new Random(21);

    List<Poller> pollers = new ArrayList<>();
    for (int run = 0; effects.distinct() < events; run++) {
      assertThat(run).as("poller runs").isLessThan(1_000);
      Poller poller = effects.recordingPoller(queue, store, "run-" + run);
      pollers.add(poller);
      poller.start();
      Thread.sleep(5 + random.nextInt(40));
      // Abandoned (1 ms) pollers run on while the next one starts: the cursor store's CAS refuses
      // one of the two, never both commit the same event.
      poller.close(random.nextBoolean() ? Duration.ofMillis(1) : Duration.ofSeconds(5));
    }
    for (Poller poller : pollers) {
      assertThat(poller.close(Duration.ofSeconds(5)).abandonedThreads()).isZero();
    }

    effects.assertExactlyOnce(events);
    assertThat(pollers.size()).as("pollers stopped mid-stream").isGreaterThan(3);
  }
}
