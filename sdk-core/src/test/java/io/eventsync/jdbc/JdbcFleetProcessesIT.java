package io.eventsync.jdbc;

import static io.eventsync.jdbc.JdbcLeaseIT.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three replicas in separate JVMs ({@link FleetMemberWorker}) share 60 streams through a {@link
 * JdbcFleet}; one is killed with {@code destroyForcibly()} (no shutdown hook, no release) and the
 * survivors hold all its streams again within the TTL and one renewal interval.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcFleetProcessesIT {
  private static final String FLEET = "procs-fleet";
  private static final int STREAMS = 60;
  private static final Duration TTL = Duration.ofMillis(1500);
  private static final Duration RENEWAL = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void streamsOfAKilledReplicaProcessAreHeldBySurvivorsWithinTtlPlusOneInterval() throws Exception {
    Postgres.Database database = Postgres.newDatabase();
    DataSource db = database.dataSource();
    FleetReplicas table = new FleetReplicas(db, FLEET, STREAMS);
    Table.of(JdbcFleet.DEFAULT_LEASES_TABLE_NAME, JdbcFleet.DEFAULT_LEASES_TABLE_NAME, true)
        .ensureCreated(db); // queried before the workers create it
    Map<String, Process> workers = new LinkedHashMap<>();
    try {
      for (String id : new String[] {"w1", "w2", "w3"}) {
        workers.put(id, start(database.jdbcUrl(), id));
      }
      await(workers, () -> counts(table).equals(Map.of("w1", 20, "w2", 20, "w3", 20)));

      workers.get("w2").destroyForcibly();
      long killed = System.nanoTime();
      assertThat(workers.get("w2").waitFor(10, TimeUnit.SECONDS)).isTrue();
      await(workers, () -> counts(table).equals(Map.of("w1", 30, "w3", 30)));
      Duration takeover = Duration.ofNanos(System.nanoTime() - killed);

      System.out.println(
          "takeover of a killed process's streams took " + takeover.toMillis() + " ms");
      // The killed replica's leases expire at most a TTL after its last renewal; each survivor's
      // next tick takes its share of them over. The margin covers slow ticks of busy child JVMs.
      assertThat(takeover).as("takeover time").isLessThan(TTL.plus(RENEWAL).plusMillis(500));
    } finally {
      for (Process worker : workers.values()) {
        worker.destroy(); // SIGTERM: the survivors release their leases and leave
      }
      for (Process worker : workers.values()) {
        if (!worker.waitFor(10, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
      }
    }
    assertThat(table.holders()).as("holders after the survivors stopped").isEmpty();
  }

  /** Live leases per holder. */
  private static Map<String, Integer> counts(FleetReplicas table) {
    Map<String, Integer> counts = new HashMap<>();
    for (String holder : table.holders().values()) {
      counts.merge(holder, 1, Integer::sum);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** Waits for {@code condition}, failing at once with the workers' output if one died. */
  private static void await(Map<String, Process> workers, BooleanSupplier condition)
      throws Exception {
    awaitTrue(
        () -> {
          workers.forEach(
              (id, worker) -> {
                if (!worker.isAlive() && !id.equals("w2")) {
                  throw new AssertionError(id + " exited:\n" + output(id));
                }
              });
          return condition.getAsBoolean();
        },
        WAIT);
  }

  private static String output(String id) {
    try {
      return Files.readString(log(id).toPath());
    } catch (IOException e) {
      return id + ": no output (" + e + ")";
    }
  }

  private static File log(String id) {
    return new File("target", "fleet-member-" + id + ".log");
  }

  private static Process start(String jdbcUrl, String id) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx96m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            FleetMemberWorker.class.getName(),
            jdbcUrl,
            FLEET,
            id,
            String.valueOf(TTL.toMillis()),
            String.valueOf(RENEWAL.toMillis()),
            String.valueOf(STREAMS))
        .redirectErrorStream(true)
        .redirectOutput(log(id))
        .start();
  }
}
