package io.eventsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of a {@link JdbcFleet}: its members table and its leases table, every time by the
 * database's clock. Each method runs on the connection it is given; none commits.
 */
final class FleetTables {
  static final String DEFAULT_MEMBERS_TABLE = "eventsync_fleet_members";
  static final String DEFAULT_LEASES_TABLE = "eventsync_fleet_leases";
  private static final String PLUS_TTL = "CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'";

  final Table members;
  final Table leases;
  private final String fleet;
  private final String member;
  private final long ttlMillis;

  private final String heartbeat;
  private final String rejoin;
  private final String join;
  private final String leave;
  private final String purge;
  private final String liveMembers;
  private final String streams;
  private final String insertStream;
  private final String renew;
  private final String held;
  private final String candidates;
  private final String takeOver;
  private final String release;
  private final String releaseAll;

  FleetTables(Table members, Table leases, String fleet, String member, long ttlMillis) {
    this.members = members;
    this.leases = leases;
    this.fleet = fleet;
    this.member = member;
    this.ttlMillis = ttlMillis;
    String m = members.name();
    String l = leases.name();
    this.heartbeat =
        "UPDATE "
            + m
            + " SET expires_at = "
            + PLUS_TTL
            + " WHERE fleet = ? AND member = ? AND expires_at > CURRENT_TIMESTAMP";
    this.rejoin =
        "UPDATE " + m + " SET expires_at = " + PLUS_TTL + " WHERE fleet = ? AND member = ?";
    this.join = "INSERT INTO " + m + " (fleet, member, expires_at) VALUES (?, ?, " + PLUS_TTL + ")";
    this.leave = "DELETE FROM " + m + " WHERE fleet = ? AND member = ?";
    this.purge =
        "DELETE FROM "
            + m
            + " WHERE fleet = ? AND expires_at < CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond'";
    this.liveMembers =
        "SELECT member FROM " + m + " WHERE fleet = ? AND expires_at > CURRENT_TIMESTAMP";
    this.streams = "SELECT stream FROM " + l + " WHERE fleet = ?";
    this.insertStream =
        "INSERT INTO "
            + l
            + " (fleet, stream, holder, epoch, expires_at)"
            + " VALUES (?, ?, NULL, 0, CURRENT_TIMESTAMP)";
    this.renew =
        "UPDATE "
            + l
            + " SET expires_at = "
            + PLUS_TTL
            + " WHERE fleet = ? AND holder = ? AND expires_at > CURRENT_TIMESTAMP";
    this.held =
        "SELECT stream, epoch FROM "
            + l
            + " WHERE fleet = ? AND holder = ? AND expires_at > CURRENT_TIMESTAMP";
    String free = "(holder IS NULL OR holder = ? OR expires_at <= CURRENT_TIMESTAMP)";
    this.candidates = "SELECT stream FROM " + l + " WHERE fleet = ? AND " + free;
    this.takeOver =
        "UPDATE "
            + l
            + " SET holder = ?, epoch = epoch + 1, expires_at = "
            + PLUS_TTL
            + " WHERE fleet = ? AND stream = ? AND "
            + free;
    this.release =
        "UPDATE "
            + l
            + " SET holder = NULL, expires_at = CURRENT_TIMESTAMP"
            + " WHERE fleet = ? AND stream = ? AND holder = ? AND epoch = ?";
    this.releaseAll =
        "UPDATE "
            + l
            + " SET holder = NULL, expires_at = CURRENT_TIMESTAMP WHERE fleet = ? AND holder = ?";
  }

  /**
   * Extends this member's live row; returns true if there was none (a new member, or one that was
   * gone longer than the TTL), after inserting it.
   */
  boolean heartbeat(Connection connection) throws SQLException {
    if (Sql.update(connection, heartbeat, ttlMillis, fleet, member) == 1) {
      return false;
    }
    try {
      Sql.update(connection, join, fleet, member, ttlMillis);
    } catch (SQLException e) {
      if (!Sql.isDuplicate(e)) {
        throw e;
      }
      Sql.update(connection, rejoin, ttlMillis, fleet, member); // an expired row
    }
    return true;
  }

  /** Deletes this member's row: it left the fleet. */
  void leave(Connection connection) throws SQLException {
    Sql.update(connection, leave, fleet, member);
  }

  /** Deletes the rows of members gone for ten TTLs (replicas that were not closed). */
  void purge(Connection connection) throws SQLException {
    Sql.update(connection, purge, fleet, 10 * ttlMillis);
  }

  /** Returns the ids of the live members, this one included once it has a heartbeat. */
  List<String> liveMembers(Connection connection) throws SQLException {
    return strings(connection, liveMembers, fleet);
  }

  /** Inserts a free row for each of {@code wanted} that has none yet; returns those that exist. */
  Set<String> ensureRows(Connection connection, Collection<String> wanted) throws SQLException {
    Set<String> existing = new HashSet<>(strings(connection, streams, fleet));
    for (String stream : wanted) {
      if (existing.contains(stream)) {
        continue;
      }
      try {
        Sql.update(connection, insertStream, fleet, stream);
      } catch (SQLException e) {
        if (!Sql.isDuplicate(e)) { // another member created it first
          throw e;
        }
      }
      existing.add(stream);
    }
    return existing;
  }

  /**
   * Renews every lease this member holds, in one statement, and returns those it holds now with
   * their epochs; a lease that expired first is not renewed.
   */
  Map<String, Long> renewAll(Connection connection) throws SQLException {
    Sql.update(connection, renew, ttlMillis, fleet, member);
    return held(connection);
  }

  /** Returns the streams this member holds (not expired), with their epochs. */
  Map<String, Long> held(Connection connection) throws SQLException {
    Map<String, Long> held = new HashMap<>();
    try (PreparedStatement statement =
            Sql.bind(connection.prepareStatement(this.held), fleet, member);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        held.put(rs.getString(1), rs.getLong(2));
      }
    }
    return held;
  }

  /** Returns the streams of the fleet that are free, released, expired, or this member's. */
  List<String> candidates(Connection connection) throws SQLException {
    return strings(connection, candidates, fleet, member);
  }

  /**
   * Takes over each of {@code streams} that is still free, released or expired (a new epoch each);
   * returns those taken. Each takeover is one conditional update, so two members racing for a row
   * cannot both win it.
   */
  List<String> takeOver(Connection connection, List<String> streams) throws SQLException {
    List<String> taken = new ArrayList<>();
    if (streams.isEmpty()) {
      return taken;
    }
    try (PreparedStatement statement = connection.prepareStatement(takeOver)) {
      for (String stream : streams) {
        Sql.bind(statement, member, ttlMillis, fleet, stream, member).addBatch();
      }
      int[] counts = statement.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 1) {
          taken.add(streams.get(i));
        }
      }
    }
    return taken;
  }

  /** Releases each holding of {@code epochs} (stream to epoch) that is still this member's. */
  void release(Connection connection, Map<String, Long> epochs) throws SQLException {
    if (epochs.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(release)) {
      for (Map.Entry<String, Long> e : epochs.entrySet()) {
        Sql.bind(statement, fleet, e.getKey(), member, e.getValue()).addBatch();
      }
      statement.executeBatch();
    }
  }

  /** Releases every lease this member holds; returns how many. */
  int releaseAll(Connection connection) throws SQLException {
    return Sql.update(connection, releaseAll, fleet, member);
  }

  /** Returns {@code <pid>@<host>/<random8>}. */
  private static List<String> strings(Connection connection, String sql, Object... values)
      throws SQLException {
    List<String> result = new ArrayList<>();
    try (PreparedStatement statement = Sql.bind(connection.prepareStatement(sql), values);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        result.add(rs.getString(1));
      }
    }
    return result;
  }
}
