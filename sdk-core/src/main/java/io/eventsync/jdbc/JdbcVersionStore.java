package io.eventsync.jdbc;

import io.eventsync.EventSyncException;
import io.eventsync.poll.VersionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VersionStore} in a database table: the newest processed version per entity, for the
 * stale-guard of {@link io.eventsync.poll.Poller#replayDeadLetters()}, shared by every replica and
 * kept across restarts.
 *
 * <p>Tested on PostgreSQL 14; portable SQL (an update, then an insert if the entity is new). The
 * table is created on first use unless {@link Builder#createSchema(boolean)} is off; see {@code
 * io/eventsync/jdbc/schema.sql}. Thread-safe; never closes the {@link DataSource}.
 */
public final class JdbcVersionStore implements VersionStore {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "eventsync_versions";

  private static final Logger log = LoggerFactory.getLogger(JdbcVersionStore.class);

  private final DataSource dataSource;
  private final Table table;
  private final String select;
  private final String raise;
  private final String insert;

  private JdbcVersionStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.table();
    String t = table.name();
    this.select = "SELECT version FROM " + t + " WHERE entity_key = ?";
    this.raise = "UPDATE " + t + " SET version = ? WHERE entity_key = ? AND version < ?";
    this.insert = "INSERT INTO " + t + " (entity_key, version) VALUES (?, ?)";
  }

  /** Returns a store in the table {@value #DEFAULT_TABLE_NAME}, created on first use. */
  public static JdbcVersionStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Returns a builder of a store using {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Returns the newest version processed for {@code key}, or null if none.
   *
   * @throws EventSyncException if it cannot be read
   */
  @Override
  public @Nullable Long newest(String key) {
    Objects.requireNonNull(key, "key == null");
    table.ensureCreated(dataSource);
    return Sql.autoCommit(
        dataSource,
        "read the version of \"" + key + "\"",
        table,
        EventSyncException::new,
        connection -> read(connection, key));
  }

  /**
   * Records that {@code version} of {@code key} was processed, keeping the larger of the stored and
   * the new version.
   *
   * @throws EventSyncException if it cannot be stored
   */
  @Override
  public void processed(String key, long version) {
    Objects.requireNonNull(key, "key == null");
    table.ensureCreated(dataSource);
    Sql.autoCommit(
        dataSource,
        "record version " + version + " of \"" + key + "\"",
        table,
        EventSyncException::new,
        connection -> {
          while (!record(connection, key, version)) {
            // another replica wrote the key in between: look again
          }
          log.debug("version {} of {} recorded in table {}", version, key, table);
          return null;
        });
  }

  /**
   * Raises the stored version, or inserts the key; returns false if another writer changed the row
   * in between, so that the caller tries again.
   */
  private boolean record(Connection connection, String key, long version) throws SQLException {
    if (Sql.update(connection, raise, version, key, version) == 1) {
      return true;
    }
    Long stored = read(connection, key);
    if (stored != null) {
      return stored >= version; // else a smaller version was inserted after the update
    }
    try {
      Sql.update(connection, insert, key, version);
      return true;
    } catch (SQLException e) {
      if (Sql.isDuplicate(e)) {
        return false; // inserted by another writer at the same moment
      }
      throw e;
    }
  }

  private @Nullable Long read(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = Sql.bind(connection.prepareStatement(select), key);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  @Override
  public String toString() {
    return "JdbcVersionStore(" + table + ")";
  }

  /**
   * Configures a {@link JdbcVersionStore}: {@link #tableName} and {@link #createSchema}. Not
   * thread-safe.
   */
  public static final class Builder extends TableBuilder<Builder> {
    private Builder(DataSource dataSource) {
      super(dataSource, DEFAULT_TABLE_NAME);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Returns the store. */
    public JdbcVersionStore build() {
      return new JdbcVersionStore(this);
    }
  }
}
