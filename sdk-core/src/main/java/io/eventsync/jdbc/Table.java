package io.eventsync.jdbc;

import io.eventsync.EventSyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the package's tables: its validated name and its {@code CREATE TABLE IF NOT EXISTS}
 * statement, taken from {@code schema.sql} with the default name replaced; created at most once per
 * instance.
 */
final class Table {
  private static final Logger log = LoggerFactory.getLogger(Table.class);
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
  private static final String SCHEMA = readSchema();

  private final String name;
  private final String ddl;
  private final boolean create;
  private volatile boolean ready;

  private Table(String name, String ddl, boolean create) {
    this.name = name;
    this.ddl = ddl;
    this.create = create;
  }

  /**
   * Returns the table {@code name}, whose statement is the one of {@code defaultName} in {@code
   * schema.sql}.
   *
   * @throws IllegalArgumentException if {@code name} is not a plain SQL identifier, optionally
   *     schema-qualified ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters per part)
   */
  static Table of(String defaultName, String name, boolean create) {
    return new Table(checkName(name), statementOf(defaultName).replace(defaultName, name), create);
  }

  /** Returns {@code name} if it is a safe table name; see {@link #of}. */
  static String checkName(String name) {
    Objects.requireNonNull(name, "tableName == null");
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tableName must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters,"
              + " optionally schema.table) but was \""
              + name
              + "\"");
    }
    return name;
  }

  /** The table's name, as written in the SQL. */
  String name() {
    return name;
  }

  /** The {@code CREATE TABLE IF NOT EXISTS} statement of this table. */
  String ddl() {
    return ddl;
  }

  /**
   * Creates the table if it does not exist yet (once per instance, unless schema creation is off).
   *
   * @throws EventSyncException if it cannot be created
   */
  void ensureCreated(DataSource dataSource) {
    if (ready || !create) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        if (!connection.getAutoCommit()) {
          connection.setAutoCommit(true);
        }
        statement.execute(ddl);
        log.debug("table {} is ready", name);
      } catch (SQLException e) {
        if (!Sql.isDuplicate(e)) { // another process created it at the same moment
          throw new EventSyncException(Sql.message("create the schema", this, "", e), e);
        }
      }
      ready = true;
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private static String statementOf(String defaultName) {
    Matcher m =
        Pattern.compile(
                "CREATE TABLE IF NOT EXISTS " + Pattern.quote(defaultName) + " \\(.*?\\n\\);",
                Pattern.DOTALL)
            .matcher(SCHEMA);
    if (!m.find()) {
      throw new IllegalStateException("schema.sql has no table " + defaultName);
    }
    String statement = m.group();
    return statement.substring(0, statement.length() - 1); // without the ';'
  }

  private static String readSchema() {
    try (InputStream in = Table.class.getResourceAsStream("schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("io/eventsync/jdbc/schema.sql is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/eventsync/jdbc/schema.sql", e);
    }
  }
}
