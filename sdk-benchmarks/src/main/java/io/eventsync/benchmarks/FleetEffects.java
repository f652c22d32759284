package io.eventsync.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.sql.DataSource;

/**
 * The effects table of {@link FleetRun}: one row per event, written by the replicas' transactional
 * handlers in the checkpoint's transaction. {@code event_id} is unique; a second application of an
 * event increments {@code applications} instead of adding a row, so it shows.
 */
final class FleetEffects {
  static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + FleetReplica.EFFECTS
          + " (seq BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,"
          + " n INTEGER NOT NULL, replica TEXT NOT NULL, applications INTEGER NOT NULL DEFAULT 1,"
          + " last_replica TEXT, handled_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT"
          + " clock_timestamp())";

  /** What the table holds at the end. */
  record Verdict(long rows, long lost, long duplicates, long outOfOrder, long extra) {
    @Override
    public String toString() {
      return "rows="
          + rows
          + " lost="
          + lost
          + " duplicates="
          + duplicates
          + " out_of_order="
          + outOfOrder
          + " unexpected="
          + extra;
    }
  }

  private FleetEffects() {}

  /** How many events have an effect. */
  static long distinct(DataSource db) throws SQLException {
    return one(db, "SELECT COUNT(*) FROM " + FleetReplica.EFFECTS);
  }

  /**
   * Compares the table with what was emitted: stream {@code i} (in the order of {@code queues}) got
   * events 0 .. emitted[i]-1. Lost: emitted events without a row; duplicates: applications beyond
   * the first; out of order: a row of a stream whose n is not above the stream's previous row's (by
   * insertion order); unexpected: rows for events never emitted.
   */
  static Verdict verify(DataSource db, List<String> queues, AtomicIntegerArray emitted)
      throws SQLException {
    int streams = queues.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < streams; i++) {
      index.put(queues.get(i), i);
    }
    String t = FleetReplica.EFFECTS;
    long rows = one(db, "SELECT COUNT(*) FROM " + t);
    long duplicates = one(db, "SELECT COALESCE(SUM(applications - 1), 0) FROM " + t);
    long outOfOrder =
        one(
            db,
            "SELECT COUNT(*) FROM (SELECT n, LAG(n) OVER (PARTITION BY stream ORDER BY seq) AS"
                + " prev FROM "
                + t
                + ") x WHERE prev IS NOT NULL AND n <= prev");
    long expected = 0;
    for (int i = 0; i < streams; i++) {
      expected += emitted.get(i);
    }
    // Rows per stream are distinct events (event_id is unique) with distinct n in the expected
    // range unless something is wrong; count those in range.
    long inRange = 0;
    long extra = 0;
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT stream, n, COUNT(*) FROM " + t + " GROUP BY stream, n")) {
      while (rs.next()) {
        Integer i = index.get(rs.getString(1));
        int n = rs.getInt(2);
        if (i != null && n >= 0 && n < emitted.get(i)) {
          inRange++;
          extra += rs.getLong(3) - 1;
        } else {
          extra += rs.getLong(3);
        }
      }
    }
    return new Verdict(rows, expected - inRange, duplicates, outOfOrder, extra);
  }

  private static long one(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Creates the SDK's tables (schema.sql) and the effects table. */
  static void createSchema(DataSource db) throws IOException, SQLException {
    String schema;
    try (InputStream in = FleetEffects.class.getResourceAsStream("/io/eventsync/jdbc/schema.sql")) {
      if (in == null) {
        throw new IOException("io/eventsync/jdbc/schema.sql is not on the class path");
      }
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
      s.execute(CREATE);
      try (ResultSet rs = s.executeQuery("SHOW max_connections")) {
        rs.next();
      }
    }
  }
}
