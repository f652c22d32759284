package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.jdbc.JdbcCursorStore;
import io.eventsync.jdbc.JdbcLease;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs three replicas of a queue consumer on one PostgreSQL database: one polls at a time (a {@link
 * JdbcLease}), each event's row is written in the same transaction as the cursor (exactly once),
 * and when the active replica stops another takes over. Environment: {@code EVENTSYNC_BASE_URL},
 * {@code EVENTSYNC_TOKEN}, {@code EVENTSYNC_QUEUE}, {@code EVENTSYNC_JDBC_URL} (with user and
 * password in the URL); without them, an embedded sandbox and an embedded PostgreSQL are started.
 */
public final class RunOnFleetExample {
  private RunOnFleetExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    String jdbcUrl = System.getenv("EVENTSYNC_JDBC_URL");
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv());
        EmbeddedPostgres embedded = jdbcUrl == null ? EmbeddedPostgres.builder().start() : null) {
      DataSource dataSource =
          embedded != null ? embedded.getPostgresDatabase() : dataSource(jdbcUrl);
      String queue = System.getenv("EVENTSYNC_QUEUE");
      int expected =
          Integer.parseInt(System.getenv().getOrDefault("EVENTSYNC_EXPECTED_EVENTS", "300"));
      Runnable secondWave = () -> {};
      if (env.sandbox() != null) {
        queue = env.client().eventQueue().createQueue("fleet").code();
        env.client().eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
        env.sandbox().emitTikiEvents("ORDER_STATUS_UPDATED", expected / 2);
        secondWave =
            () -> env.sandbox().emitTikiEvents("ORDER_STATUS_UPDATED", expected - expected / 2);
      }
      Map<String, Integer> perReplica =
          runOnFleet(env.client(), dataSource, queue, expected / 2, secondWave, expected);
      System.out.println("events handled per replica: " + perReplica);
    }
  }

  /**
   * Starts three replicas on {@code queueCode}; once {@code firstWave} events are handled, stops
   * the active replica and runs {@code secondWave} (new events arrive); returns how many events
   * each replica handled once {@code total} are in the table.
   */
  public static Map<String, Integer> runOnFleet(
      EventSyncClient client,
      DataSource dataSource,
      String queueCode,
      int firstWave,
      Runnable secondWave,
      int total)
      throws SQLException, InterruptedException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS fleet_orders (event_id TEXT PRIMARY KEY, replica TEXT NOT NULL)");
    }
    JdbcCursorStore cursors = JdbcCursorStore.create(dataSource);
    List<JdbcLease> leases = new ArrayList<>();
    List<Poller> replicas = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String replica = "replica-" + i;
      JdbcLease lease =
          JdbcLease.builder(dataSource, "fleet-" + queueCode, Duration.ofSeconds(2))
              .holderId(replica)
              .build();
      leases.add(lease);
      Poller poller =
          client
              .eventQueue()
              .poller(queueCode)
              .cursorStore(cursors)
              .lease(lease)
              .idleBackoff(Duration.ofMillis(100))
              .handler(
                  (event, connection) -> {
                    try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO fleet_orders VALUES (?, ?)")) {
                      insert.setString(1, event.id());
                      insert.setString(2, replica);
                      insert.executeUpdate(); // a duplicate would violate the primary key
                    }
                  })
              .build();
      replicas.add(poller);
      poller.start();
    }
    try {
      awaitRows(dataSource, firstWave);
      for (int i = 0; i < 3; i++) {
        if (leases.get(i).isHeld()) { // the active replica shuts down; another takes over
          System.out.println(leases.get(i).holderId() + " stops; another replica takes over");
          replicas.get(i).close();
          leases.get(i).close();
          break;
        }
      }
      secondWave.run();
      awaitRows(dataSource, total);
      return countPerReplica(dataSource);
    } finally {
      replicas.forEach(Poller::close);
      leases.forEach(JdbcLease::close);
    }
  }

  private static void awaitRows(DataSource dataSource, int rows)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (countPerReplica(dataSource).values().stream().mapToInt(Integer::intValue).sum() < rows
        && System.nanoTime() < deadline) {
      Thread.sleep(50); // waiting for the replicas to get there
    }
  }

  private static Map<String, Integer> countPerReplica(DataSource dataSource) throws SQLException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT replica, count(*) FROM fleet_orders GROUP BY replica ORDER BY replica")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  private static DataSource dataSource(String jdbcUrl) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl);
    return dataSource;
  }
}
