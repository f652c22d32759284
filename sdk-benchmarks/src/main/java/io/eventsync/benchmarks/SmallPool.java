package io.eventsync.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal pool of JDBC connections for the fleet run's replicas, so that every commit does not
 * open a new PostgreSQL backend (a fork each, on a machine of two shared cores). A borrowed
 * connection is returned by {@code close()}, rolled back if a transaction was left open and put
 * back in auto-commit mode. Not a general-purpose pool: no validation beyond {@link
 * Connection#isClosed()}, no eviction.
 */
final class SmallPool implements DataSource {
  private final DataSource target;
  private final Semaphore permits;
  private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();

  SmallPool(DataSource target, int size) {
    this.target = target;
    this.permits = new Semaphore(size, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new SQLException("no pooled connection free within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a pooled connection", e);
    }
    try {
      Connection c = idle.pollFirst();
      while (c != null && c.isClosed()) {
        c = idle.pollFirst();
      }
      return wrap(c != null ? c : target.getConnection());
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection wrap(Connection real) {
    boolean[] returned = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close":
                  synchronized (returned) {
                    if (!returned[0]) {
                      returned[0] = true;
                      giveBack(real);
                    }
                  }
                  return null;
                case "isClosed":
                  return returned[0] || real.isClosed();
                case "unwrap":
                case "isWrapperFor":
                case "equals":
                case "hashCode":
                case "toString":
                  break;
                default:
                  if (returned[0]) {
                    throw new SQLException("connection returned to the pool already");
                  }
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection real) {
    try {
      if (!real.isClosed()) {
        if (!real.getAutoCommit()) {
          real.rollback();
          real.setAutoCommit(true);
        }
        idle.offerFirst(real);
      }
    } catch (SQLException e) {
      try {
        real.close();
      } catch (SQLException ignored) {
        // broken already
      }
    } finally {
      permits.release();
    }
  }

  /** Closes the idle connections (borrowed ones are closed by the JVM's exit). */
  void closeIdle() {
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // exiting
      }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool has one set of credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
