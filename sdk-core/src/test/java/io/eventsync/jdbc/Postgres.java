package io.eventsync.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL 14 for all the JDBC tests of a JVM, started on first use and stopped when
 * the JVM exits; each test class gets a database of its own.
 */
final class Postgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Postgres() {}

  /** A new, empty database. */
  static Database newDatabase() {
    String name = "test_" + DATABASES.incrementAndGet();
    execute(server().getPostgresDatabase(), "CREATE DATABASE " + name);
    return new Database(server(), name);
  }

  /** Runs {@code sql} on {@code dataSource}. */
  static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is exiting; the data directory is temporary
                    }
                  }));
    }
    return server;
  }

  /** A database of the embedded server. */
  static final class Database {
    private final EmbeddedPostgres server;
    private final String name;

    Database(EmbeddedPostgres server, String name) {
      this.server = server;
      this.name = name;
    }

    /** A data source opening a new connection per call, as user {@code postgres}. */
    DataSource dataSource() {
      return server.getDatabase("postgres", name);
    }

    /** The JDBC URL, for other processes. */
    String jdbcUrl() {
      return server.getJdbcUrl("postgres", name);
    }
  }
}
