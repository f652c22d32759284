package io.eventsync.webhooks;

import io.eventsync.EventSyncException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SeenStore} in a database table, shared by every replica of a receiver and kept across
 * restarts, so that neither a second replica nor a restart reopens the door to a duplicate.
 *
 * <p>PostgreSQL (9.5 or later; tested on 14): a claim is one {@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE} statement, atomic across replicas; times come from the database's clock. A
 * handled id is kept for the {@linkplain Builder#retention(Duration) retention}; a claim lapses
 * after the {@linkplain Builder#claimTimeout(Duration) claim timeout}. Expired rows count as absent
 * and are deleted every {@value #PURGE_EVERY_CLAIMS} claims (or by {@link #purgeExpired()}). The
 * table is created on first use unless {@link Builder#createSchema(boolean)} is off; its statement
 * is:
 *
 * <pre>{@code
 * CREATE TABLE IF NOT EXISTS eventsync_webhook_deliveries (
 *   delivery_id  VARCHAR(255) NOT NULL PRIMARY KEY,
 *   state        VARCHAR(16) NOT NULL,
 *   expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
 * );
 * CREATE INDEX IF NOT EXISTS eventsync_webhook_deliveries_expires
 *   ON eventsync_webhook_deliveries (expires_at);
 * }</pre>
 *
 * <p>Ids longer than 200 characters are stored as {@code sha256:} and the hex SHA-256 of the id.
 * Failures are {@link EventSyncException}s (the receiver answers 500 so that the sender retries).
 * Thread-safe; never closes the {@link DataSource}.
 */
public final class JdbcSeenStore implements SeenStore {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "eventsync_webhook_deliveries";

  /** Default {@link Builder#retention}: 7 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** Default {@link Builder#claimTimeout}: 5 minutes. */
  public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(5);

  /** Expired rows are deleted once every this many claims: {@value}. */
  public static final int PURGE_EVERY_CLAIMS = 1000;

  private static final Logger log = LoggerFactory.getLogger(JdbcSeenStore.class);
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
  private static final int MAX_PLAIN_ID = 200;
  private static final String PLUS = "CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'";

  private final DataSource dataSource;
  private final String table;
  private final boolean createSchema;
  private final long retentionMillis;
  private final long claimTimeoutMillis;
  private final String claim;
  private final String state;
  private final String complete;
  private final String release;
  private final String purge;
  private final AtomicLong claims = new AtomicLong();
  private volatile boolean ready;

  private JdbcSeenStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.tableName;
    this.createSchema = builder.createSchema;
    this.retentionMillis = builder.retention.toMillis();
    this.claimTimeoutMillis = builder.claimTimeout.toMillis();
    String t = table;
    this.claim =
        "INSERT INTO "
            + t
            + " AS s (delivery_id, state, expires_at) VALUES (?, 'CLAIMED', "
            + PLUS
            + ") ON CONFLICT (delivery_id) DO UPDATE SET state = 'CLAIMED', expires_at ="
            + " EXCLUDED.expires_at WHERE s.expires_at <= CURRENT_TIMESTAMP";
    this.state =
        "SELECT state FROM " + t + " WHERE delivery_id = ? AND expires_at > CURRENT_TIMESTAMP";
    this.complete =
        "INSERT INTO "
            + t
            + " AS s (delivery_id, state, expires_at) VALUES (?, 'HANDLED', "
            + PLUS
            + ") ON CONFLICT (delivery_id) DO UPDATE SET state = 'HANDLED', expires_at ="
            + " EXCLUDED.expires_at";
    this.release = "DELETE FROM " + t + " WHERE delivery_id = ? AND state = 'CLAIMED'";
    this.purge = "DELETE FROM " + t + " WHERE expires_at <= CURRENT_TIMESTAMP";
  }

  /** Returns a store in the table {@value #DEFAULT_TABLE_NAME}, created on first use. */
  public static JdbcSeenStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Returns a builder of a store using {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * {@inheritDoc}
   *
   * @throws EventSyncException if the database cannot be reached or refuses the statement
   */
  @Override
  public Claim claim(String deliveryId) {
    String id = keyOf(deliveryId);
    Claim result = claimIn(id);
    if (claims.getAndIncrement() % PURGE_EVERY_CLAIMS == 0) {
      purgeQuietly();
    }
    return result;
  }

  private Claim claimIn(String id) {
    return run(
        "claim delivery " + id,
        connection -> {
          for (int attempt = 0; ; attempt++) {
            if (update(connection, claim, id, claimTimeoutMillis) == 1) {
              return Claim.ACQUIRED;
            }
            try (PreparedStatement select = connection.prepareStatement(state)) {
              select.setString(1, id);
              try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                  return "HANDLED".equals(rs.getString(1)) ? Claim.HANDLED : Claim.IN_PROGRESS;
                }
              }
            }
            if (attempt >= 3) { // released or expired each time between the two statements
              return Claim.IN_PROGRESS;
            }
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws EventSyncException if the database cannot be reached or refuses the statement
   */
  @Override
  public void complete(String deliveryId) {
    String id = keyOf(deliveryId);
    run("record delivery " + id + " as handled", c -> update(c, complete, id, retentionMillis));
    log.debug("delivery {} recorded as handled in table {}", id, table);
  }

  /**
   * {@inheritDoc}
   *
   * @throws EventSyncException if the database cannot be reached or refuses the statement
   */
  @Override
  public void release(String deliveryId) {
    String id = keyOf(deliveryId);
    run("release delivery " + id, c -> update(c, release, id));
  }

  /**
   * Deletes the rows whose retention or claim has expired (the store also does it by itself every
   * {@value #PURGE_EVERY_CLAIMS} claims).
   *
   * @return the number of rows deleted
   * @throws EventSyncException if the database cannot be reached or refuses the statement
   */
  public int purgeExpired() {
    int deleted = run("delete expired deliveries", c -> update(c, purge));
    log.debug("{} expired deliveries deleted from table {}", deleted, table);
    return deleted;
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (EventSyncException e) {
      log.warn("could not delete expired deliveries: {}", e.getMessage());
    }
  }

  /** Work on a connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T run(String what, Work<T> work) {
    ensureCreated();
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new EventSyncException(message(what, e), e);
    }
  }

  private void ensureCreated() {
    if (ready || !createSchema) {
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
        statement.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (delivery_id VARCHAR(255) NOT NULL PRIMARY KEY, state VARCHAR(16) NOT NULL,"
                + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        statement.execute(
            "CREATE INDEX IF NOT EXISTS "
                + table.substring(table.indexOf('.') + 1)
                + "_expires ON "
                + table
                + " (expires_at)");
        log.debug("table {} is ready", table);
      } catch (SQLException e) {
        String sqlState = e.getSQLState();
        boolean createdByAnother =
            sqlState != null && (sqlState.startsWith("23") || sqlState.equals("42P07"));
        if (!createdByAnother) {
          throw new EventSyncException(message("create the table", e), e);
        }
      }
      ready = true;
    }
  }

  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }

  private String message(String what, SQLException e) {
    return "cannot "
        + what
        + " (table "
        + table
        + "): "
        + e.getMessage()
        + " (SQLState "
        + e.getSQLState()
        + ")";
  }

  private static String keyOf(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    if (deliveryId.length() <= MAX_PLAIN_ID) {
      return deliveryId;
    }
    try {
      return "sha256:"
          + Hex.encode(
              MessageDigest.getInstance("SHA-256")
                  .digest(deliveryId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcSeenStore("
        + table
        + ", retention="
        + Duration.ofMillis(retentionMillis)
        + ", claimTimeout="
        + Duration.ofMillis(claimTimeoutMillis)
        + ")";
  }

  /**
   * Configures a {@link JdbcSeenStore}: {@link #tableName}, {@link #createSchema}, {@link
   * #retention} and {@link #claimTimeout}. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean createSchema = true;
    private Duration retention = DEFAULT_RETENTION;
    private Duration claimTimeout = DEFAULT_CLAIM_TIMEOUT;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    }

    /**
     * Sets the table, optionally schema-qualified ({@code app.webhook_deliveries}). Default:
     * {@value JdbcSeenStore#DEFAULT_TABLE_NAME}.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier ({@code
     *     [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters per part)
     */
    public Builder tableName(String tableName) {
      Objects.requireNonNull(tableName, "tableName == null");
      if (!IDENTIFIER.matcher(tableName).matches()) {
        throw new IllegalArgumentException(
            "tableName must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters,"
                + " optionally schema.table) but was \""
                + tableName
                + "\"");
      }
      this.tableName = tableName;
      return this;
    }

    /**
     * Sets whether the table and its index are created on first use with {@code CREATE ... IF NOT
     * EXISTS}. Default true; turn it off when your migrations create them (see the class
     * documentation for the statements).
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Sets how long a handled delivery is remembered; a duplicate that comes later is handled
     * again. It should cover the sender's whole retry schedule, and is the window in which a
     * replayed delivery is recognized. Default: {@link JdbcSeenStore#DEFAULT_RETENTION} (7 days).
     *
     * @throws IllegalArgumentException if {@code retention} is shorter than a millisecond
     */
    public Builder retention(Duration retention) {
      this.retention = positive(retention, "retention");
      return this;
    }

    /**
     * Sets how long a claim holds when its attempt neither completes nor releases it (its process
     * died); until then, duplicates are answered as in progress. It must be longer than the
     * handler's longest run, or a duplicate may run while the first attempt is still running.
     * Default: {@link JdbcSeenStore#DEFAULT_CLAIM_TIMEOUT} (5 minutes).
     *
     * @throws IllegalArgumentException if {@code claimTimeout} is shorter than a millisecond
     */
    public Builder claimTimeout(Duration claimTimeout) {
      this.claimTimeout = positive(claimTimeout, "claimTimeout");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms: " + value);
      }
      return value;
    }

    /** Returns the store. */
    public JdbcSeenStore build() {
      return new JdbcSeenStore(this);
    }
  }
}
