package io.eventsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Connection handling and SQL error messages shared by the package's classes. */
final class Sql {
  private Sql() {}

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T extends @Nullable Object> {
    T run(Connection connection) throws Exception;
  }

  /** Work on a connection that only fails with SQL errors. */
  @FunctionalInterface
  interface SqlWork<T extends @Nullable Object> {
    T run(Connection connection) throws SQLException;
  }

  /** Turns a failure of the connection itself into the caller's exception type. */
  interface Failure extends BiFunction<String, SQLException, RuntimeException> {}

  /**
   * Runs {@code work} in one transaction on a new connection of {@code dataSource}: auto-commit
   * off, commit if it returns, roll back if anything throws, auto-commit restored and the
   * connection closed. What {@code work} throws is rethrown unchanged; failures to get the
   * connection or to commit become {@code failure(message, cause)} (a failed commit may or may not
   * have been applied: the message says so).
   */
  static <T extends @Nullable Object> T inTransaction(
      DataSource dataSource, String what, Table table, Failure failure, Work<T> work)
      throws Exception {
    Connection connection = connect(dataSource, what, table, failure);
    try {
      boolean autoCommit;
      try {
        autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        throw failure.apply(message(what, table, "", e), e);
      }
      try {
        T result = work.run(connection);
        try {
          connection.commit();
        } catch (SQLException e) {
          throw failure.apply(
              message(what, table, "the commit failed and may or may not have been applied: ", e),
              e);
        }
        return result;
      } catch (Throwable t) {
        rollbackQuietly(connection, t);
        throw t;
      } finally {
        restoreQuietly(connection, autoCommit);
      }
    } finally {
      closeQuietly(connection);
    }
  }

  /**
   * Runs {@code work} on a new connection in auto-commit mode (each statement its own transaction);
   * SQL failures become {@code failure(message, cause)}.
   */
  static <T extends @Nullable Object> T autoCommit(
      DataSource dataSource, String what, Table table, Failure failure, SqlWork<T> work) {
    Connection connection = connect(dataSource, what, table, failure);
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw failure.apply(message(what, table, "", e), e);
    } finally {
      closeQuietly(connection);
    }
  }

  /** Binds {@code values} to the statement's parameters, in order. */
  static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
    return statement;
  }

  /** Executes an update with {@code values} and returns the number of rows changed. */
  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = bind(connection.prepareStatement(sql), values)) {
      return statement.executeUpdate();
    }
  }

  /**
   * Returns true if {@code e} says the row or table already exists (SQLState class 23, integrity
   * constraint violation, or 42P07, duplicate table): someone else created it first.
   */
  static boolean isDuplicate(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("23") || state.equals("42P07"));
  }

  /** Returns "cannot {what} (table {table}): {note}{message} (SQLState {state})". */
  static String message(String what, Table table, String note, SQLException e) {
    return "cannot "
        + what
        + " (table "
        + table
        + "): "
        + note
        + e.getMessage()
        + " (SQLState "
        + e.getSQLState()
        + ")";
  }

  private static Connection connect(
      DataSource dataSource, String what, Table table, Failure failure) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw failure.apply(message(what, table, "no database connection: ", e), e);
    }
  }

  private static void rollbackQuietly(Connection connection, @Nullable Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e); // a broken connection: the database rolls back on its own
    }
  }

  private static void restoreQuietly(Connection connection, boolean autoCommit) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException | RuntimeException e) {
      // a broken connection; the pool discards it
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // nothing left to do with it
    }
  }
}
