package io.eventsync.jdbc;

import static io.eventsync.jdbc.FleetReplicas.RENEWAL;
import static io.eventsync.jdbc.FleetReplicas.TTL;
import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.poll.Lease;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replicas (instances in this JVM, each with its own connections) sharing many streams through a
 * {@link JdbcFleet}: balance, joins, takeovers after a replica dies, and the API's rules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcFleetIT {
  static final DataSource db = Postgres.newDatabase().dataSource();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void replicasSplitTheStreamsEvenlyAndAJoiningReplicaGetsItsShareWithNoStreamHeldTwice()
      throws Exception {
    try (FleetReplicas fleet = new FleetReplicas(db, "balance", 30)) {
      fleet.add("a");
      fleet.add("b");
      fleet.add("c");
      fleet.startPolling(Duration.ofMillis(20));
      fleet.startSampling();

      awaitTrue(() -> fleet.balanced(10, 10), WAIT);
      assertThat(fleet.holders()).hasSize(30);
      assertThat(new HashSet<>(fleet.holders().values()))
          .containsExactlyInAnyOrder("balance-a", "balance-b", "balance-c");
      assertThat(fleet.snapshot()).allSatisfy(r -> assertThat(r.fleet.liveMembers()).isEqualTo(3));

      FleetReplicas.Replica d = fleet.add("d");
      awaitTrue(() -> fleet.balanced(7, 8), WAIT);
      assertThat(d.held()).isBetween(7, 8);
      fleet.stopBackground();

      assertThat(fleet.samples.get()).as("samples taken").isGreaterThan(100);
      assertThat(fleet.doubleHolders.get()).as("samples with a stream held twice").isZero();
      Map<String, String> holders = fleet.holders();
      assertThat(holders).hasSize(30);
      for (FleetReplicas.Replica replica : fleet.snapshot()) {
        for (String stream : replica.fleet.heldStreams()) {
          assertThat(holders.get(stream)).as("holder of " + stream).isEqualTo(replica.id);
        }
      }
    }
  }

  @Test
  void streamsOfAReplicaThatStopsRenewingAreHeldAgainBySurvivorsWithinTtlPlusOneInterval()
      throws Exception {
    try (FleetReplicas fleet = new FleetReplicas(db, "takeover", 30)) {
      fleet.add("a");
      fleet.add("b");
      FleetReplicas.Replica c = fleet.add("c");
      fleet.startPolling(Duration.ofMillis(20));
      awaitTrue(() -> fleet.balanced(10, 10), WAIT);
      Map<String, Long> before = fleet.epochs();
      Set<String> orphans = c.fleet.heldStreams();

      c.fleet.abandonForTest(); // as if the process died: no release, no goodbye
      long killed = System.nanoTime();
      fleet.remove(c);
      awaitTrue(() -> fleet.balanced(15, 15), WAIT);
      Duration takeover = Duration.ofNanos(System.nanoTime() - killed);

      System.out.println(
          "takeover of a dead replica's streams took " + takeover.toMillis() + " ms");
      // The dead replica's leases expire at most a TTL after its last renewal; a survivor's next
      // tick takes them over. The margin covers the tick's own statements on a loaded machine.
      assertThat(takeover).as("takeover time").isLessThan(TTL.plus(RENEWAL).plusMillis(400));
      Map<String, Long> after = fleet.epochs();
      for (String stream : orphans) {
        assertThat(after.get(stream)).as("epoch of " + stream).isGreaterThan(before.get(stream));
      }
      assertThat(fleet.holders().values()).doesNotContain("takeover-c");
    }
  }

  @Test
  void closedReplicaReleasesAtOnceAndLeavesTheFleet() throws Exception {
    try (FleetReplicas fleet = new FleetReplicas(db, "leave", 10)) {
      fleet.add("a");
      FleetReplicas.Replica b = fleet.add("b");
      awaitTrue(() -> fleet.balanced(5, 5), WAIT);

      b.fleet.close();
      fleet.remove(b);

      assertThat(b.leases.values()).noneMatch(Lease::isHeld);
      assertThat(fleet.holders().values()).doesNotContain("leave-b");
      awaitTrue(() -> fleet.balanced(10, 10), TTL); // well before b's leases would have expired
      assertThat(fleet.snapshot().get(0).fleet.liveMembers()).isEqualTo(1);
      assertThat(fleetThreads("leave")).isEqualTo(1);
    }
    assertThat(fleetThreads("leave")).isZero();
  }

  @Test
  void closedViewGivesItsStreamUpAndTheStreamCanBeLeasedAgain() throws Exception {
    try (FleetReplicas fleet = new FleetReplicas(db, "view-close", 4)) {
      FleetReplicas.Replica a = fleet.add("a");
      awaitTrue(() -> a.held() == 4, WAIT);
      String stream = fleet.streams().get(0);
      Lease view = a.leases.get(stream);
      long epoch = view.epoch();

      view.close();

      assertThat(view.isHeld()).isFalse();
      assertThat(view.tryAcquire()).isFalse();
      awaitTrue(() -> fleet.row(stream)[0] == null, WAIT);
      Lease again = a.fleet.lease(stream);
      awaitTrue(again::isHeld, WAIT);
      assertThat(again.epoch()).isGreaterThan(epoch);
    }
  }

  @Test
  void leasingAStreamTwiceOrAfterCloseFailsWithAClearMessage() throws Exception {
    JdbcFleet fleet = JdbcFleet.builder(db, "rules", TTL).memberId("m").build();
    fleet.lease("s");
    assertThatThrownBy(() -> fleet.lease("s"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "stream s is registered already in fleet rules: use the Lease returned the first"
                + " time, or close it before leasing it again");
    fleet.close();
    assertThatThrownBy(() -> fleet.lease("t"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fleet rules is closed: build a new JdbcFleet to lease stream t");
    fleet.close(); // idempotent
    assertThat(fleet.memberId()).isEqualTo("m");
    assertThat(fleet.name()).isEqualTo("rules");
  }

  @Test
  void invalidSettingsFailAtOnceWithTheBadValue() {
    assertThatThrownBy(() -> JdbcFleet.create(db, "x", Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must be at least 100 ms but was PT0.05S");
    assertThatThrownBy(() -> JdbcFleet.builder(db, "x", TTL).renewalInterval(TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "renewalInterval must be at least 1 ms and shorter than the ttl PT1S but was PT1S");
    assertThatThrownBy(() -> JdbcFleet.builder(db, "x", TTL).slack(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slack must be 0 or more but was -1");
    assertThatThrownBy(() -> JdbcFleet.create(db, "", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fleet must have 1 to 255 characters but was \"\"");
    assertThatThrownBy(() -> JdbcFleet.builder(db, "x", TTL).memberId("m".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("memberId must have 1 to 255 characters");
    assertThatThrownBy(() -> JdbcFleet.builder(db, "x", TTL).leasesTableName("leases\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tableName must be an SQL identifier");
    assertThatThrownBy(() -> JdbcFleet.builder(db, "x", TTL).membersTableName("1members"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultMemberIdNamesTheProcessAndTablesCanBeRenamed() throws Exception {
    Postgres.execute(db, "CREATE SCHEMA IF NOT EXISTS app");
    JdbcFleet fleet =
        JdbcFleet.builder(db, "renamed", TTL)
            .renewalInterval(RENEWAL)
            .membersTableName("app.fleet_members")
            .leasesTableName("app.fleet_leases")
            .build();
    try {
      Lease lease = fleet.lease("only");
      awaitTrue(lease::isHeld, WAIT);
      assertThat(fleet.memberId()).matches("\\d+@.+/[0-9a-f]{8}");
      assertThat(fleet.heldStreams()).containsExactly("only");
      assertThat(fleetThreads("renamed")).isEqualTo(1);
    } finally {
      fleet.close();
    }
  }

  /** The live renewal threads of the fleet {@code name}. */
  static int fleetThreads(String name) {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("eventsync-fleet-" + name + "-1") && thread.isAlive()) {
        count++;
      }
    }
    return count;
  }
}
