package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A table of handler effects, one row per handling, written by transactional handlers in the
 * checkpoint's transaction; and the poller settings the JDBC tests share.
 */
final class Effects {
  private final DataSource dataSource;
  private final String table;

  /** Creates the table {@code table} (no unique key, so a duplicate effect shows as a row). */
  Effects(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
    Postgres.execute(
        dataSource,
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (seq BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL, worker TEXT NOT NULL)");
  }

  /** Records that {@code worker} handled {@code eventId}, in the caller's transaction. */
  void record(Connection connection, String eventId, String worker) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("INSERT INTO " + table + " (event_id, worker) VALUES (?, ?)")) {
      statement.setString(1, eventId);
      statement.setString(2, worker);
      statement.executeUpdate();
    }
  }

  /** Returns how many times each event's effect was committed. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT event_id, COUNT(*) FROM " + table + " GROUP BY event_id")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /**
   * Returns the workers that handled the events, in handling order, each run of consecutive events
   * by one worker listed once (A, B, A would show that A came back after B took over).
   */
  List<String> workerRuns() {
    List<String> runs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT worker FROM " + table + " ORDER BY seq")) {
      while (rs.next()) {
        if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(rs.getString(1))) {
          runs.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return runs;
  }

  /** Returns how many distinct events have an effect. */
  int distinct() {
    return counts().size();
  }

  /** Asserts that events {@code e0} to {@code e<n-1>} each have exactly one effect. */
  void assertExactlyOnce(int n) {
    Map<String, Integer> counts = counts();
    Map<String, Integer> duplicates = new LinkedHashMap<>();
    counts.forEach(
        (id, count) -> {
          if (count != 1) {
            duplicates.put(id, count);
          }
        });
    assertThat(duplicates).as("events whose effect was committed more than once").isEmpty();
    for (int i = 0; i < n; i++) {
      assertThat(counts).as("effect of event e" + i).containsKey("e" + i);
    }
    assertThat(counts).hasSize(n);
  }

  /** A poller of {@code queue} whose transactional handler records each event as {@code worker}. */
  Poller recordingPoller(MemoryQueue queue, JdbcCursorStore store, String worker) {
    return poller(queue)
        .cursorStore(store)
        .handler((event, connection) -> record(connection, event.id(), worker))
        .build();
  }

  /** A poller of {@code queue} with short waits and quick retries. */
  static PollerBuilder<MemoryQueue.Event> poller(MemoryQueue queue) {
    return new PollerBuilder<>(queue, Clock.systemUTC(), Sleeper.SYSTEM)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build())
        .idleBackoff(Duration.ofMillis(20))
        .errorBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }
}
