package io.eventsync.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections fail on demand, like a replica cut off from the database or a
 * process killed mid-transaction: {@link #down} fails every call; {@link #chaos} aborts the
 * connection at random statements and commits (seeded), half of the failed commits after the commit
 * was applied (the in-doubt case).
 */
final class FaultyDataSource implements DataSource {
  private final DataSource delegate;
  private volatile boolean down;
  private double probability;
  private Random random;
  private final AtomicInteger strikes = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger leftInTransaction = new AtomicInteger();

  FaultyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Fails every call from now on (or works again). */
  void down(boolean down) {
    this.down = down;
  }

  /** Aborts the connection at a statement or commit with this probability. */
  synchronized FaultyDataSource chaos(double probability, long seed) {
    this.probability = probability;
    this.random = new Random(seed);
    return this;
  }

  /** How many statements or commits were made to fail. */
  int strikes() {
    return strikes.get();
  }

  /** Connections handed out and not closed yet. */
  int openConnections() {
    return open.get();
  }

  /** Connections closed with auto-commit off (not restored). */
  int closedInTransaction() {
    return leftInTransaction.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down) {
      throw unreachable();
    }
    Connection connection = delegate.getConnection();
    open.incrementAndGet();
    return proxy(Connection.class, new ConnectionHandler(connection));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  private static SQLException unreachable() {
    return new SQLException("the database is unreachable (test)", "08001");
  }

  /** Decides whether this call fails; before or after the real call for commits. */
  private synchronized int strike(boolean isCommit) {
    if (random == null || random.nextDouble() >= probability) {
      return 0;
    }
    strikes.incrementAndGet();
    return isCommit && random.nextBoolean() ? 2 : 1; // 2: fail after the commit was applied
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection connection;
    private boolean closed;

    ConnectionHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("close")) {
        if (!closed) {
          closed = true;
          open.decrementAndGet();
          if (!connection.isClosed() && !connection.getAutoCommit()) {
            leftInTransaction.incrementAndGet();
          }
        }
        return call(connection, method, args);
      }
      if (down && !name.equals("isClosed")) {
        throw unreachable();
      }
      if (name.equals("commit")) {
        int strike = strike(true);
        if (strike == 2) {
          connection.commit();
        }
        if (strike > 0) {
          throw abort(connection);
        }
      }
      Object result = call(connection, method, args);
      if (name.equals("prepareStatement")) {
        return proxy(PreparedStatement.class, new StatementHandler(connection, (Statement) result));
      }
      if (name.equals("createStatement")) {
        return proxy(Statement.class, new StatementHandler(connection, (Statement) result));
      }
      return result;
    }
  }

  private final class StatementHandler implements InvocationHandler {
    private final Connection connection;
    private final Statement statement;

    StatementHandler(Connection connection, Statement statement) {
      this.connection = connection;
      this.statement = statement;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().startsWith("execute")) {
        if (down) {
          throw unreachable();
        }
        if (strike(false) > 0) {
          throw abort(connection);
        }
      }
      return call(statement, method, args);
    }
  }

  private static SQLException abort(Connection connection) {
    try {
      connection.close(); // the server rolls back what was not committed
    } catch (SQLException e) {
      // already broken
    }
    return new SQLException("connection aborted (test chaos)", "08006");
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
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
