package io.eventsync.jdbc;

import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three replicas in separate JVMs ({@link FleetWorker}) poll one stream through one lease and one
 * cursor table; the leader is killed with {@code destroyForcibly()} (no shutdown hook, no release)
 * and another takes over after the lease's TTL, losing and repeating nothing.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FleetProcessesIT {
  private static final Duration TTL = Duration.ofMillis(2000);
  private static final Duration WAIT = Duration.ofSeconds(40);

  @Test
  void killedLeaderProcessIsReplacedByAnotherWithNoEventLostOrRepeated() throws Exception {
    Postgres.Database database = Postgres.newDatabase();
    DataSource db = database.dataSource();
    FleetWorker.TableQueue.create(db);
    FleetWorker.TableQueue.emit(db, 0, 300);
    Effects effects = new Effects(db, FleetWorker.EFFECTS_TABLE);
    Map<String, Process> workers = new LinkedHashMap<>();
    try {
      for (int i = 1; i <= 3; i++) {
        String name = "worker-" + i;
        workers.put(name, start(database.jdbcUrl(), name));
      }
      await(workers, () -> effects.distinct() >= 60);
      Lease before = lease(db);
      Process leader = workers.get(before.holder);

      leader.destroyForcibly();
      long killed = System.nanoTime();
      assertThat(leader.waitFor(10, TimeUnit.SECONDS)).isTrue();
      await(workers, () -> lease(db).epoch > before.epoch);
      Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
      Lease after = lease(db);
      FleetWorker.TableQueue.emit(db, 300, 100);
      await(workers, () -> effects.distinct() == 400);

      effects.assertExactlyOnce(400);
      assertThat(after.holder).isNotEqualTo(before.holder).isIn(workers.keySet());
      assertThat(takeover).as("takeover time").isLessThan(TTL.plusSeconds(2));
      List<String> runs = effects.workerRuns();
      assertThat(runs).as("workers in handling order").hasSizeGreaterThanOrEqualTo(2);
      assertThat(new HashSet<>(runs))
          .as("a worker came back after another took over")
          .hasSameSizeAs(runs);
      assertThat(runs.get(0)).isEqualTo(before.holder);
    } finally {
      for (Process worker : workers.values()) {
        worker.destroy(); // SIGTERM: the survivors close their poller and release the lease
      }
      for (Process worker : workers.values()) {
        if (!worker.waitFor(10, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
      }
    }
    assertThat(lease(db).holder).as("holder after the survivors stopped").isNull();
  }

  /** Waits for {@code condition}, failing at once with the workers' output if all of them died. */
  private static void await(Map<String, Process> workers, BooleanSupplier condition)
      throws Exception {
    awaitTrue(
        () -> {
          if (workers.values().stream().noneMatch(Process::isAlive)) {
            throw new AssertionError("every worker exited:\n" + output(workers.keySet()));
          }
          return condition.getAsBoolean();
        },
        WAIT);
  }

  private static String output(Iterable<String> names) {
    StringBuilder output = new StringBuilder();
    for (String name : names) {
      try {
        output.append(Files.readString(log(name).toPath())).append('\n');
      } catch (IOException e) {
        output.append(name).append(": no output (").append(e).append(")\n");
      }
    }
    return output.toString();
  }

  private static File log(String name) {
    return new File("target", "fleet-" + name + ".log");
  }

  private static Process start(String jdbcUrl, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            FleetWorker.class.getName(),
            jdbcUrl,
            name,
            String.valueOf(TTL.toMillis()))
        .redirectErrorStream(true)
        .redirectOutput(log(name))
        .start();
  }

  /** The lease row. */
  private static final class Lease {
    final String holder;
    final long epoch;

    Lease(String holder, long epoch) {
      this.holder = holder;
      this.epoch = epoch;
    }
  }

  private static Lease lease(DataSource db) {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT holder, epoch FROM eventsync_leases WHERE name = '"
                    + FleetWorker.STREAM
                    + "'")) {
      return rs.next() ? new Lease(rs.getString(1), rs.getLong(2)) : new Lease(null, 0);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
