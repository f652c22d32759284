package io.eventsync.jdbc;

import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.Lease;
import io.eventsync.poll.PollResult;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerHaltedException;
import io.eventsync.poll.PollerListener;
import io.eventsync.poll.PollerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pollers on several replicas (threads here, each with its own connections) sharing one stream
 * through a {@link JdbcLease} and a {@link JdbcCursorStore}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final Duration TTL = Duration.ofMillis(1500);
  private static final Duration RENEWAL = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicInteger inHandler = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicLong newestVersion = new AtomicLong();
  private final AtomicInteger regressions = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();

  /**
   * A replica: its own connections for the lease and for the rest (which the test can cut), lease,
   * store and poller.
   */
  private final class Replica implements AutoCloseable {
    final String name;
    final FaultyDataSource dataSource = new FaultyDataSource(db);
    final FaultyDataSource leaseDataSource = new FaultyDataSource(db);
    final JdbcLease lease;
    final Poller poller;

    Replica(String name, MemoryQueue queue, Effects effects, String leaseName) {
      this.name = name;
      this.lease =
          JdbcLease.builder(leaseDataSource, leaseName, TTL)
              .holderId(name)
              .renewalInterval(RENEWAL)
              .build();
      this.poller =
          Effects.poller(queue)
              .cursorStore(
                  JdbcCursorStore.builder(dataSource).tableName(leaseName + "_cursors").build())
              .lease(lease)
              .listener(
                  new PollerListener() {
                    @Override
                    public void committed(String stream, Checkpoint checkpoint) {
                      if (newestVersion.getAndAccumulate(checkpoint.version(), Math::max)
                          >= checkpoint.version()) {
                        regressions.incrementAndGet();
                      }
                    }
                  })
              .handler(
                  (event, connection) -> {
                    if (inHandler.incrementAndGet() > 1) {
                      overlaps.incrementAndGet();
                    }
                    try {
                      effects.record(connection, event.id(), name);
                      Thread.sleep(2);
                    } finally {
                      inHandler.decrementAndGet();
                    }
                    handled.incrementAndGet();
                  })
              .build();
    }

    /** Cuts the replica off the database, as if its host died or its network was cut. */
    void kill() {
      dataSource.down(true);
      leaseDataSource.down(true);
    }

    @Override
    public void close() {
      poller.close(Duration.ofSeconds(5));
      lease.close();
    }
  }

  @Test
  void threePollersShareALeaseOneActiveAtATimeAndKilledLeadersAreReplacedWithinTheTtl()
      throws Exception {
    MemoryQueue queue = new MemoryQueue("fleet", 20);
    queue.emit(200);
    Effects effects = new Effects(db, "fleet_effects");
    List<Replica> fleet = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      fleet.add(new Replica("replica-" + i, queue, effects, "fleet"));
    }
    try {
      fleet.forEach(replica -> replica.poller.start());
      long previousEpoch = 0;
      for (int kill = 1; kill <= 2; kill++) {
        int target = handled.get() + 60;
        awaitTrue(() -> handled.get() >= target, WAIT);
        Replica leader = leader(fleet);
        assertThat(leader.lease.epoch()).isGreaterThanOrEqualTo(previousEpoch);

        leader.kill();
        long killed = System.nanoTime();
        awaitTrue(() -> !leader.lease.isHeld(), TTL);
        awaitTrue(() -> leaderOrNull(fleet) != null, TTL.plus(Duration.ofSeconds(1)));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        Replica next = leader(fleet);

        assertThat(next).isNotSameAs(leader);
        assertThat(takeover).as("takeover time").isLessThan(TTL.plusMillis(700));
        assertThat(next.lease.epoch()).isGreaterThan(leader.lease.epoch());
        previousEpoch = next.lease.epoch();
        queue.emit(100);
      }
      awaitTrue(() -> effects.distinct() == 400, WAIT);

      effects.assertExactlyOnce(400);
      assertThat(overlaps.get()).as("overlapping handler calls").isZero();
      assertThat(regressions.get()).as("commits that did not move the version forward").isZero();
      JdbcCursorStore store = JdbcCursorStore.builder(db).tableName("fleet_cursors").build();
      // The last effect is visible before its poller has told the listener, or committed the
      // batch's end; and the leader goes on polling (each empty pull is a new position, so a new
      // version): the store and the listener agree at some moment, not at any given later one.
      awaitTrue(() -> store.load("fleet").version() == newestVersion.get(), WAIT);
    } finally {
      fleet.forEach(Replica::close);
    }
    assertThat(JdbcLeaseIT.renewalThreads("fleet")).isZero();
  }

  @Test
  void holderWhoseRenewalFailsStopsHandingOverEventsAndResumesOnceItHoldsTheLeaseAgain()
      throws Exception {
    MemoryQueue queue = new MemoryQueue("renewal", 50);
    queue.emit(300);
    Effects effects = new Effects(db, "renewal_effects");
    Replica replica = new Replica("only", queue, effects, "renewal");
    try {
      replica.poller.start();
      awaitTrue(() -> handled.get() >= 20, WAIT);

      replica.leaseDataSource.down(true); // the renewals fail; the store still works
      awaitTrue(() -> !replica.lease.isHeld(), RENEWAL.multipliedBy(2));
      int handedOver = handled.get();
      Thread.sleep(RENEWAL.multipliedBy(2).toMillis());

      // at most the event in flight when the lease was lost finishes; nothing new is handed over
      assertThat(handled.get())
          .as("events handled after the lease was lost")
          .isBetween(handedOver, handedOver + 1);
      assertThat(replica.poller.state()).isEqualTo(PollerState.RUNNING);

      replica.leaseDataSource.down(false);
      awaitTrue(() -> effects.distinct() == 300, WAIT);
      effects.assertExactlyOnce(300);
      // taken again after the outage: epoch 2, or more if a loaded machine let a renewal miss
      // the TTL once more (each loss is a takeover, and exactly once held through all of them)
      assertThat(replica.lease.epoch()).isGreaterThanOrEqualTo(2);
    } finally {
      replica.close();
    }
  }

  @Test
  void supersededPollerIsFencedRollsBackItsEventAndHalts() {
    MemoryQueue queue = new MemoryQueue("superseded", 20);
    queue.emit(40);
    Effects effects = new Effects(db, "superseded_effects");
    JdbcCursorStore store = JdbcCursorStore.builder(db).tableName("superseded_cursors").build();
    Poller stale =
        Effects.poller(queue)
            .cursorStore(store)
            .lease(new PausedHolder(1))
            .handler((event, connection) -> effects.record(connection, event.id(), "stale"))
            .build();
    assertThat(stale.pollOnce().handled()).isEqualTo(20);

    store.load("superseded", 2); // a poller took the lease over at epoch 2 and loaded

    assertThatThrownBy(stale::pollOnce).isInstanceOf(PollerHaltedException.class);
    assertThat(stale.state()).isEqualTo(PollerState.HALTED);
    assertThat(stale.failure())
        .isInstanceOf(FencedException.class)
        .hasMessageContaining("this writer's lease epoch 1 is older than epoch 2");
    effects.assertExactlyOnce(20);
  }

  @Test
  void pollerWhoseLeaseLapsedDuringAHandlerIsFencedRollsBackAndGoesOnOnceItHoldsTheLeaseAgain() {
    MemoryQueue queue = new MemoryQueue("lapsed", 20);
    queue.emit(40);
    Effects effects = new Effects(db, "lapsed_effects");
    JdbcCursorStore store = JdbcCursorStore.builder(db).tableName("lapsed_cursors").build();
    LapsingHolder lease = new LapsingHolder();
    Poller poller =
        Effects.poller(queue)
            .cursorStore(store)
            .lease(lease)
            .handler(
                (event, connection) -> {
                  effects.record(connection, event.id(), "lapsing");
                  if (event.id().equals("e25") && lease.epoch == 1) { // it lapses during this one
                    store.load("lapsed", 2); // and another holder takes the stream over
                    lease.held = false;
                  }
                })
            .build();
    assertThat(poller.pollOnce().handled()).isEqualTo(20);

    PollResult fenced = poller.pollOnce();

    assertThat(fenced.handled()).isEqualTo(5); // e20..e24 committed, e25 rolled back
    assertThat(poller.state()).isEqualTo(PollerState.RUNNING);
    assertThat(poller.failure()).isNull();
    assertThat(effects.distinct()).isEqualTo(25);

    lease.epoch = 3; // this poller holds the stream again, after the other holder
    lease.held = true;
    poller.drain();

    effects.assertExactlyOnce(40);
  }

  /** A lease that lapses when the test says so, and is taken again at a new epoch. */
  private static final class LapsingHolder implements Lease {
    volatile boolean held = true;
    volatile long epoch = 1;

    @Override
    public boolean tryAcquire() {
      return held;
    }

    @Override
    public boolean isHeld() {
      return held;
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public void close() {}
  }

  /**
   * A holder that believes it still holds epoch {@code epoch}, as a process paused past its TTL
   * does until it notices.
   */
  private static final class PausedHolder implements Lease {
    private final long epoch;

    PausedHolder(long epoch) {
      this.epoch = epoch;
    }

    @Override
    public boolean tryAcquire() {
      return true;
    }

    @Override
    public boolean isHeld() {
      return true;
    }

    @Override
    public long epoch() {
      return epoch;
    }

    @Override
    public void close() {}
  }

  private static Replica leader(List<Replica> fleet) {
    Replica leader = leaderOrNull(fleet);
    assertThat(leader).as("the replica holding the lease").isNotNull();
    return leader;
  }

  private static Replica leaderOrNull(List<Replica> fleet) {
    Replica leader = null;
    for (Replica replica : fleet) {
      if (replica.lease.isHeld()) {
        assertThat(leader).as("a second replica holding the lease").isNull();
        leader = replica;
      }
    }
    return leader;
  }
}
