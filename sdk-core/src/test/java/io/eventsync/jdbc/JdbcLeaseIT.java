package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.testing.CapturingLogs;
import io.eventsync.testing.Eventually;
import io.eventsync.testing.LingeringThreads;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcLeaseIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final Duration TTL = Duration.ofMillis(1000);

  private final List<JdbcLease> leases = new ArrayList<>();

  @AfterEach
  void closeLeases() {
    leases.forEach(JdbcLease::close);
  }

  private JdbcLease lease(DataSource dataSource, String name, String holder) {
    JdbcLease lease =
        JdbcLease.builder(dataSource, name, TTL)
            .holderId(holder)
            .renewalInterval(Duration.ofMillis(200))
            .build();
    leases.add(lease);
    return lease;
  }

  @Test
  void firstHolderGetsEpochOneAndOthersAreRefusedWhileItHoldsIt() {
    JdbcLease a = lease(db, "first", "a");
    JdbcLease b = lease(db, "first", "b");

    assertThat(a.tryAcquire()).isTrue();
    assertThat(a.isHeld()).isTrue();
    assertThat(a.epoch()).isEqualTo(1);
    assertThat(a.tryAcquire()).isTrue();
    assertThat(a.epoch()).isEqualTo(1);
    assertThat(b.tryAcquire()).isFalse();
    assertThat(b.isHeld()).isFalse();
    assertThat(b.epoch()).isZero();
  }

  @Test
  void renewalKeepsTheLeaseWellBeyondItsTtl() throws Exception {
    JdbcLease a = lease(db, "renewed", "a");
    JdbcLease b = lease(db, "renewed", "b");
    assertThat(a.tryAcquire()).isTrue();

    long end = System.nanoTime() + 3 * TTL.toNanos();
    while (System.nanoTime() < end) {
      assertThat(b.tryAcquire()).isFalse();
      assertThat(a.isHeld()).isTrue();
      Thread.sleep(100);
    }
    assertThat(a.epoch()).isEqualTo(1);
  }

  @Test
  void expiryIsComputedByTheDatabaseClock() throws Exception {
    JdbcLease a = lease(db, "db-clock", "a");
    assertThat(a.tryAcquire()).isTrue();

    long millisLeft =
        queryLong(
            "SELECT CAST(EXTRACT(EPOCH FROM (expires_at - now())) * 1000 AS"
                + " BIGINT) FROM eventsync_leases WHERE name = 'db-clock'");

    assertThat(millisLeft).isBetween(0L, TTL.toMillis());
  }

  @Test
  void closeReleasesAtOnceStopsTheRenewalThreadAndTheNextHolderGetsANewEpoch() {
    JdbcLease a = lease(db, "released", "a");
    JdbcLease b = lease(db, "released", "b");
    assertThat(a.tryAcquire()).isTrue();
    assertThat(renewalThreads("released")).isEqualTo(1);

    a.close();

    assertThat(a.isHeld()).isFalse();
    assertThat(a.tryAcquire()).isFalse();
    assertThat(renewalThreads("released")).isZero();
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.epoch()).isEqualTo(2);
  }

  @Test
  void closeReturnsOnlyOnceTheRenewalThreadHasEndedEvenIfItOutlivesItsExecutor() {
    List<Thread> started = new ArrayList<>();
    JdbcLease a =
        JdbcLease.builder(db, "lingering", TTL)
            .renewalInterval(Duration.ofMillis(200))
            .threadFactory(LingeringThreads.lingering(Duration.ofMillis(300), started))
            .build();
    leases.add(a);
    assertThat(a.tryAcquire()).isTrue();

    a.close();

    assertThat(started).hasSize(1);
    assertThat(started.get(0).isAlive()).as("renewal thread alive after close()").isFalse();
  }

  @Test
  void failedRenewalMakesTheHolderLetGoAtOnceAndAnotherTakesOverAfterTheTtl() throws Exception {
    FaultyDataSource cutOff = new FaultyDataSource(db);
    JdbcLease a = lease(cutOff, "cut-off", "a");
    JdbcLease b = lease(db, "cut-off", "b");
    assertThat(a.tryAcquire()).isTrue();

    cutOff.down(true);
    long start = System.nanoTime();
    awaitTrue(() -> !a.isHeld(), Duration.ofMillis(600));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TTL);
    assertThat(b.tryAcquire()).isFalse(); // the database still has a until its expiry
    awaitTrue(b::tryAcquire, TTL.plusMillis(500));

    assertThat(b.epoch()).isEqualTo(2);
    assertThat(a.tryAcquire()).isFalse();
    assertThat(a.isHeld()).isFalse();
  }

  @Test
  void localEstimatePastTheTtlMakesTheHolderLetGoWithoutAskingTheDatabase() {
    AtomicLong nanos = new AtomicLong();
    JdbcLease a =
        JdbcLease.builder(db, "local-estimate", TTL)
            .nanoTime(nanos::get)
            .renewalInterval(Duration.ofMillis(900))
            .build();
    leases.add(a);
    assertThat(a.tryAcquire()).isTrue();

    nanos.addAndGet(TTL.toNanos() - 1);
    assertThat(a.isHeld()).isTrue();
    nanos.addAndGet(1);
    assertThat(a.isHeld()).isFalse();
  }

  @Test
  void holderWhoseLeaseLapsedTakesItBackWithANewEpoch() {
    AtomicLong nanos = new AtomicLong();
    JdbcLease a =
        JdbcLease.builder(db, "lapsed", TTL)
            .holderId("a")
            .nanoTime(nanos::get)
            .renewalInterval(Duration.ofMillis(900))
            .build();
    leases.add(a);
    assertThat(a.tryAcquire()).isTrue();
    nanos.addAndGet(TTL.toNanos());

    assertThat(a.tryAcquire()).isTrue();
    assertThat(a.epoch()).isEqualTo(2);
  }

  @Test
  void happyPathLogsOnlyAtDebugAndALostLeaseIsAWarning() throws Exception {
    FaultyDataSource cutOff = new FaultyDataSource(db);
    JdbcLease a = lease(cutOff, "logged", "a");
    CapturingLogs.clear();
    assertThat(a.tryAcquire()).isTrue();
    awaitTrue(() -> jdbcLines().stream().anyMatch(l -> l.contains("renewed")), TTL);
    assertThat(jdbcLines()).isNotEmpty().allMatch(line -> line.startsWith("DEBUG "));

    cutOff.down(true);
    awaitTrue(() -> !a.isHeld(), TTL);

    assertThat(jdbcLines())
        .contains(
            "WARN io.eventsync.jdbc.JdbcLease lease logged given up at epoch 1: renewal failed:"
                + " cannot renew lease \"logged\" (table eventsync_leases): no database"
                + " connection: the database is unreachable (test) (SQLState 08001)");
  }

  private static List<String> jdbcLines() {
    List<String> lines = new ArrayList<>();
    for (String line : CapturingLogs.lines()) {
      if (line.contains(" io.eventsync.jdbc.")) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void invalidSettingsFailAtOnceWithTheBadValue() {
    assertThatThrownBy(() -> JdbcLease.create(db, "x", Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must be at least 100 ms but was PT0.05S");
    assertThatThrownBy(() -> JdbcLease.builder(db, "x", TTL).renewalInterval(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "renewalInterval must be at least 1 ms and shorter than the ttl PT1S but was PT1S");
    assertThatThrownBy(() -> JdbcLease.create(db, "", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must have 1 to 255 characters but was \"\"");
    assertThatThrownBy(() -> JdbcLease.builder(db, "x", TTL).tableName("leases\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    Eventually.await("the condition", timeout, condition);
  }

  static int renewalThreads(String leaseName) {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("eventsync-lease-" + leaseName + "-") && thread.isAlive()) {
        count++;
      }
    }
    return count;
  }

  private static long queryLong(String sql) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
