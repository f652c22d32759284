package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three replicas in separate JVMs ({@link SandboxFleetWorker}) poll one Tiki queue of the sandbox
 * through one {@link JdbcLease} and one {@link JdbcCursorStore} in an embedded PostgreSQL; the
 * leader is killed with {@code destroyForcibly()} and another takes over after the lease's TTL:
 * every event's effect exactly once, and the queue ends fully acknowledged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxFleetProcessesIT {
  private static final Duration TTL = Duration.ofMillis(2000);
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String TYPE = EventType.ORDER_CREATED_SUCCESSFULLY.value();

  @Test
  void killedLeaderProcessIsReplacedAndEveryQueueEventTakesEffectExactlyOnce() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().build()) {
      DataSource db = postgres.getPostgresDatabase();
      execute(db, "CREATE TABLE effects (seq BIGSERIAL, event_id TEXT NOT NULL, worker TEXT)");
      String queue = client.eventQueue().createQueue("fleet").code();
      client.eventQueue().subscribe(queue, EventType.ORDER_CREATED_SUCCESSFULLY);
      List<String> emitted = ids(sandbox.emitTikiEvents(TYPE, 200));
      Map<String, Process> workers = new LinkedHashMap<>();
      try {
        for (int i = 1; i <= 3; i++) {
          String name = "worker-" + i;
          workers.put(
              name, start(sandbox.url(), queue, postgres.getJdbcUrl("postgres", "postgres"), name));
        }
        await(workers, () -> count(db, "SELECT COUNT(*) FROM effects") >= 50);
        String leader = leaseHolder(db, queue);
        long epoch = count(db, "SELECT epoch FROM eventsync_leases");

        workers.get(leader).destroyForcibly();
        long killed = System.nanoTime();
        await(workers, () -> count(db, "SELECT epoch FROM eventsync_leases") > epoch);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        emitted.addAll(ids(sandbox.emitTikiEvents(TYPE, 100)));
        await(workers, () -> count(db, "SELECT COUNT(DISTINCT event_id) FROM effects") == 300);
        await(workers, () -> sandbox.unacknowledgedEvents(queue) == 0);

        assertThat(effectCounts(db))
            .containsOnlyKeys(emitted)
            .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(leaseHolder(db, queue)).isNotEqualTo(leader).isIn(workers.keySet());
        assertThat(takeover).as("takeover time").isLessThan(TTL.plusSeconds(2));
      } finally {
        for (Process worker : workers.values()) {
          worker.destroy();
        }
        for (Process worker : workers.values()) {
          if (!worker.waitFor(10, TimeUnit.SECONDS)) {
            worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        }
      }
    }
  }

  private static Process start(String sandboxUrl, String queue, String jdbcUrl, String name)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            SandboxFleetWorker.class.getName(),
            sandboxUrl,
            queue,
            jdbcUrl,
            name,
            String.valueOf(TTL.toMillis()))
        .redirectErrorStream(true)
        .redirectOutput(log(name))
        .start();
  }

  private static List<String> ids(List<Map<String, Object>> events) {
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> event : events) {
      ids.add(String.valueOf(event.get("id")));
    }
    return ids;
  }

  /** Waits for {@code condition}, failing at once with the workers' output if all of them died. */
  private static void await(Map<String, Process> workers, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (workers.values().stream().noneMatch(Process::isAlive)) {
        throw new AssertionError("every worker exited:\n" + output(workers.keySet()));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition still false after " + WAIT);
      }
      Thread.sleep(20);
    }
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
    return new File("target", "sandbox-fleet-" + name + ".log");
  }

  private static Map<String, Integer> effectCounts(DataSource db) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT event_id, COUNT(*) FROM effects GROUP BY event_id")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getInt(2));
      }
    }
    return counts;
  }

  private static String leaseHolder(DataSource db, String queue) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT holder FROM eventsync_leases WHERE name = '" + queue + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static long count(DataSource db, String sql) {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      return -1; // the table does not exist yet
    }
  }

  private static void execute(DataSource db, String sql) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
