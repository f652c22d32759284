package io.eventsync.jdbc;

import static io.eventsync.jdbc.FleetReplicas.TTL;
import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.Lease;
import io.eventsync.testing.CapturingLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link JdbcFleet} when the database fails, and its graceful hand-off of surplus streams. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcFleetFailureIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void databaseOutageStopsEveryReplicaWithinTheTtlAndTheFleetRecoversWithNewEpochs()
      throws Exception {
    CapturingLogs.clear();
    try (FleetReplicas fleet = new FleetReplicas(db, "outage", 20)) {
      FleetReplicas.Replica a = fleet.add("a");
      FleetReplicas.Replica b = fleet.add("b");
      fleet.startPolling(Duration.ofMillis(20));
      awaitTrue(() -> fleet.balanced(10, 10), WAIT);
      Map<String, Long> before = fleet.epochs();
      assertThat(fleetLines())
          .as("happy path")
          .isNotEmpty()
          .allMatch(line -> line.startsWith("DEBUG "));
      CapturingLogs.clear();

      a.dataSource.down(true);
      b.dataSource.down(true);
      long down = System.nanoTime();
      awaitTrue(() -> a.held() == 0 && b.held() == 0, TTL.plusMillis(100));
      Duration stopped = Duration.ofNanos(System.nanoTime() - down);
      System.out.println("every view reported not held " + stopped.toMillis() + " ms after");
      assertThat(stopped).as("time until no view is held").isLessThanOrEqualTo(TTL);
      for (FleetReplicas.Replica replica : List.of(a, b)) {
        assertThat(replica.leases.values()).noneMatch(Lease::isHeld).noneMatch(Lease::tryAcquire);
      }
      Thread.sleep(3 * FleetReplicas.RENEWAL.toMillis()); // the database's expiry passes too

      a.dataSource.down(false);
      b.dataSource.down(false);
      awaitTrue(() -> fleet.balanced(10, 10), WAIT);

      Map<String, Long> after = fleet.epochs();
      assertThat(after).hasSize(20);
      after.forEach(
          (stream, epoch) ->
              assertThat(epoch).as("epoch of " + stream).isGreaterThan(before.get(stream)));
      List<String> warnings = new ArrayList<>();
      for (String line : fleetLines()) {
        if (!line.startsWith("DEBUG ")) {
          warnings.add(line);
        }
      }
      assertThat(warnings)
          .as("one warning per replica and outage, however many ticks failed")
          .hasSize(2)
          .allMatch(line -> line.startsWith("WARN io.eventsync.jdbc.JdbcFleet fleet outage:"))
          .anyMatch(
              line ->
                  line.startsWith(
                          "WARN io.eventsync.jdbc.JdbcFleet fleet outage: member outage-a cannot"
                              + " renew its leases: cannot renew the leases of fleet \"outage\""
                              + " (table eventsync_fleet_leases): ")
                      && line.endsWith(
                          "the database is unreachable (test) (SQLState 08001); it stops handing"
                              + " over events within the TTL and retries every PT0.2S"));
    }
  }

  @Test
  void surplusLeaseStaysHeldUntilItsPollerStopsAndSettlesAndOnlyThenIsReleased() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    try (FleetReplicas fleet = new FleetReplicas(db, "handoff", 4, ttl, FleetReplicas.RENEWAL)) {
      FleetReplicas.Replica a = fleet.add("a");
      awaitTrue(() -> a.held() == 4, WAIT);

      FleetReplicas.Replica b = fleet.add("b");
      awaitTrue(() -> releasing(a).size() == 2, WAIT);
      FleetLease handedOver = releasing(a).get(0);
      String stream = handedOver.stream();
      long epoch = handedOver.epoch();
      Thread.sleep(3 * FleetReplicas.RENEWAL.toMillis()); // ticks pass; the poller is busy

      assertThat(handedOver.isHeld()).as("held while its batch runs").isTrue();
      assertThat(fleet.row(stream)[0]).isEqualTo("handoff-a");
      assertThat(b.held()).isZero();

      assertThat(handedOver.tryAcquire()).as("the poller's next batch").isFalse();
      assertThat(handedOver.isHeld()).isFalse();
      Thread.sleep(3 * FleetReplicas.RENEWAL.toMillis()); // its last commit is still settling
      assertThat(fleet.row(stream)[0]).isEqualTo("handoff-a");

      handedOver.quiesced(); // the poller settled its commits
      awaitTrue(() -> !"handoff-a".equals(fleet.row(stream)[0]), WAIT);
      Lease next = b.leases.get(stream);
      awaitTrue(next::isHeld, WAIT);
      assertThat(next.epoch()).isGreaterThan(epoch);

      // The other surplus lease's poller never came back: it is released after one TTL anyway.
      awaitTrue(() -> fleet.balanced(2, 2), ttl.plus(WAIT));
      assertThat(a.fleet.heldStreams()).doesNotContain(stream);
    }
  }

  @Test
  void viewStopsWhenTheTtlHasPassedSinceItsLastRenewalStartedWithoutAskingTheDatabase()
      throws Exception {
    AtomicLong nanos = new AtomicLong();
    FaultyDataSource dataSource = new FaultyDataSource(db);
    JdbcFleet fleet =
        JdbcFleet.builder(dataSource, "local-estimate", TTL)
            .renewalInterval(Duration.ofMillis(100))
            .nanoTime(nanos::get)
            .build();
    try {
      Lease lease = fleet.lease("only");
      awaitTrue(lease::isHeld, WAIT); // the second tick takes it; the clock stands still
      long epoch = lease.epoch();
      dataSource.down(true); // no tick renews it from now on
      Thread.sleep(200); // a tick in flight ends

      nanos.addAndGet(TTL.toNanos() - 1);
      assertThat(lease.isHeld()).isTrue();
      nanos.addAndGet(1);
      assertThat(lease.isHeld()).isFalse();
      assertThat(lease.tryAcquire()).isFalse();
      assertThat(fleet.heldStreams()).isEmpty();

      dataSource.down(false);
      awaitTrue(lease::isHeld, WAIT); // renewed, or taken over again if the database expired it
      assertThat(lease.epoch()).isGreaterThanOrEqualTo(epoch);
    } finally {
      fleet.close();
    }
  }

  private static List<FleetLease> releasing(FleetReplicas.Replica replica) {
    List<FleetLease> releasing = new ArrayList<>();
    for (Lease lease : replica.leases.values()) {
      FleetLease view = (FleetLease) lease;
      if (view.isReleasing() && view.isHeld()) {
        releasing.add(view);
      }
    }
    return releasing;
  }

  private static List<String> fleetLines() {
    List<String> lines = new ArrayList<>();
    for (String line : CapturingLogs.lines()) {
      if (line.contains(" io.eventsync.jdbc.JdbcFleet ")) {
        lines.add(line);
      }
    }
    return lines;
  }
}
