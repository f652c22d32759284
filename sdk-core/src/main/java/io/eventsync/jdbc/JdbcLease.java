package io.eventsync.jdbc;

import io.eventsync.EventSyncException;
import io.eventsync.internal.DaemonThreads;
import io.eventsync.internal.TrackedThreads;
import io.eventsync.poll.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Lease} in a database table: one holder of a fleet at a time, with a fencing epoch, so
 * that exactly one replica polls a stream and a paused one cannot move the cursor after another
 * took over (give both the lease and a {@link JdbcCursorStore} to the poller).
 *
 * <pre>{@code
 * JdbcLease lease = JdbcLease.create(dataSource, "orders-queue", Duration.ofSeconds(30));
 * Poller poller = client.eventQueue().poller(queueCode)
 *     .cursorStore(JdbcCursorStore.create(dataSource))
 *     .lease(lease)
 *     .handler((event, connection) -> orders.apply(event, connection))
 *     .build();
 * poller.start(); // on every replica; one of them polls
 * ...
 * poller.close();
 * lease.close(); // another replica takes over at once
 * }</pre>
 *
 * <p>Expiry is decided by the database's clock ({@code CURRENT_TIMESTAMP}), never by the replicas'
 * clocks, which may disagree: a holding lasts {@code ttl} from its last renewal as the database
 * sees it, and every takeover (of a free, released or expired lease) increments the epoch. While
 * held, a daemon thread renews it every {@link Builder#renewalInterval} (a third of the TTL by
 * default). {@link #isHeld()} turns false the moment a renewal fails or is refused, or when the TTL
 * has passed since the start of the last successful renewal by this process's monotonic clock
 * ({@link System#nanoTime()}): the local estimate ends no later than the database's, so a holder
 * stops before anyone else can start.
 *
 * <p>Tested on PostgreSQL 14 (times use its interval arithmetic). The table is created on first use
 * unless {@link Builder#createSchema(boolean)} is off; see {@code io/eventsync/jdbc/schema.sql}.
 * Thread-safe. {@link #close()} stops the renewal thread and releases the lease; a closed lease
 * cannot be acquired again.
 */
public final class JdbcLease implements Lease {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "eventsync_leases";

  /** The default {@link Builder#renewalInterval} is the TTL divided by this: {@value}. */
  public static final int DEFAULT_RENEWALS_PER_TTL = 3;

  private static final Logger log = LoggerFactory.getLogger(JdbcLease.class);
  private static final String PLUS_TTL = "CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'";

  private final DataSource dataSource;
  private final String name;
  private final long ttlMillis;
  private final long renewalMillis;
  private final String holderId;
  private final Table table;
  private final TrackedThreads threadFactory;
  private final LongSupplier nanoTime;
  private final String insert;
  private final String takeOver;
  private final String selectEpoch;
  private final String selectRow;
  private final String renew;
  private final String release;

  /** Guards acquiring, renewing and releasing. */
  private final Object lock = new Object();

  private volatile @Nullable Holding holding; // null when not held
  private volatile long epoch;
  private volatile boolean closed;
  private boolean rowExists;
  private @Nullable ScheduledExecutorService renewer;

  /** A successful acquisition or renewal: the epoch, and when it was started locally. */
  private record Holding(long epoch, long startNanos) {}

  private JdbcLease(Builder b) {
    this.dataSource = b.dataSource;
    this.name = b.name;
    this.ttlMillis = b.ttl.toMillis();
    this.renewalMillis =
        b.renewalInterval != null
            ? b.renewalInterval.toMillis()
            : Math.max(1, ttlMillis / DEFAULT_RENEWALS_PER_TTL);
    this.holderId = b.holderId != null ? b.holderId : LeaseSettings.defaultHolderId();
    this.table = b.table();
    this.threadFactory =
        new TrackedThreads(
            b.threadFactory != null
                ? b.threadFactory
                : DaemonThreads.numbered("eventsync-lease-" + name));
    this.nanoTime = b.nanoTime;
    String t = table.name();
    this.insert =
        "INSERT INTO "
            + t
            + " (name, holder, epoch, acquired_at, expires_at)"
            + " VALUES (?, NULL, 0, NULL, CURRENT_TIMESTAMP)";
    this.takeOver =
        "UPDATE "
            + t
            + " SET holder = ?, epoch = epoch + 1, acquired_at = CURRENT_TIMESTAMP, expires_at = "
            + PLUS_TTL
            + " WHERE name = ? AND (holder IS NULL OR holder = ? OR expires_at <= CURRENT_TIMESTAMP)";
    this.selectEpoch = "SELECT epoch FROM " + t + " WHERE name = ? AND holder = ?";
    this.selectRow = "SELECT epoch FROM " + t + " WHERE name = ?";
    this.renew =
        "UPDATE "
            + t
            + " SET expires_at = "
            + PLUS_TTL
            + " WHERE name = ? AND holder = ? AND epoch = ? AND expires_at > CURRENT_TIMESTAMP";
    this.release =
        "UPDATE "
            + t
            + " SET holder = NULL, expires_at = CURRENT_TIMESTAMP"
            + " WHERE name = ? AND holder = ? AND epoch = ?";
  }

  /**
   * Returns the lease {@code name} with the given time to live, in the table {@value
   * #DEFAULT_TABLE_NAME} (created on first use), renewed every third of {@code ttl}.
   *
   * @throws IllegalArgumentException if {@code name} is empty or longer than 255 characters, or
   *     {@code ttl} is shorter than 100 ms
   */
  public static JdbcLease create(DataSource dataSource, String name, Duration ttl) {
    return builder(dataSource, name, ttl).build();
  }

  /** Returns a builder of the lease {@code name}; see {@link #create}. */
  public static Builder builder(DataSource dataSource, String name, Duration ttl) {
    return new Builder(dataSource, name, ttl);
  }

  /**
   * Acquires the lease if it is free, released or expired by the database's clock (a new epoch), or
   * returns true at once if this holder holds it. Starts the renewal thread on the first
   * acquisition. A database failure is logged and returns false: the poller waits and tries again.
   *
   * @return true if this holder holds the lease now; false if another does, or after {@link
   *     #close()}
   */
  @Override
  public boolean tryAcquire() {
    if (isHeld()) {
      return true;
    }
    synchronized (lock) {
      if (closed) {
        return false;
      }
      if (isHeld()) {
        return true;
      }
      holding = null;
      long start = nanoTime.getAsLong();
      Long acquired;
      try {
        table.ensureCreated(dataSource);
        ensureRow();
        acquired =
            Sql.inTransaction(
                dataSource, "acquire lease \"" + name + "\"", table, failure(), this::takeOver);
      } catch (Exception e) {
        log.warn("{}; retrying at the next poll", e.getMessage());
        return false;
      }
      if (acquired == null) {
        log.debug("lease {} is held by another holder", name);
        return false;
      }
      epoch = acquired;
      holding = new Holding(acquired, start);
      startRenewer();
      log.debug("lease {} acquired by {} at epoch {}", name, holderId, acquired);
      return true;
    }
  }

  /**
   * Returns true if this holder holds the lease: acquired, not closed, the last renewal did not
   * fail, and less than the TTL has passed since it started.
   */
  @Override
  public boolean isHeld() {
    Holding h = holding;
    return h != null && !closed && nanoTime.getAsLong() - h.startNanos() < ttlMillis * 1_000_000L;
  }

  /** Returns the epoch of this holder's last acquisition (0 if it never acquired the lease). */
  @Override
  public long epoch() {
    return epoch;
  }

  /** Returns the lease's name. */
  public String name() {
    return name;
  }

  /** Returns this holder's id, as stored in the table's {@code holder} column. */
  public String holderId() {
    return holderId;
  }

  /**
   * Stops the renewal thread (waiting for it to end) and releases the lease if held, so another
   * holder can take it over at once. Idempotent. A release that fails is logged; the lease then
   * expires after its TTL.
   */
  @Override
  public void close() {
    ScheduledExecutorService executor;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      executor = renewer;
    }
    if (executor != null) {
      executor.shutdownNow();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(ttlMillis, 1000));
      if (!threadFactory.awaitEnded(deadline)) {
        log.warn("renewal thread of lease {} did not stop within the TTL", name);
      }
    }
    synchronized (lock) {
      Holding h = holding;
      holding = null;
      if (h != null) {
        try {
          Sql.autoCommit(
              dataSource,
              "release lease \"" + name + "\"",
              table,
              failure(),
              connection -> Sql.update(connection, release, name, holderId, h.epoch()));
          log.debug("lease {} released by {} at epoch {}", name, holderId, h.epoch());
        } catch (EventSyncException e) {
          log.warn("cannot release lease {}; it expires after its TTL: {}", name, e.getMessage());
        }
      }
    }
  }

  /** Inserts the lease's row (free, epoch 0) unless this instance saw it already. */
  private void ensureRow() {
    if (rowExists) {
      return;
    }
    Sql.autoCommit(
        dataSource,
        "create lease \"" + name + "\"",
        table,
        failure(),
        connection -> {
          try (PreparedStatement statement =
                  Sql.bind(connection.prepareStatement(selectRow), name);
              ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
              Sql.update(connection, insert, name);
            }
          } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) { // another holder created it first
              throw e;
            }
          }
          return null;
        });
    rowExists = true;
  }

  /** Takes the lease over in the transaction; returns the new epoch, or null if it is held. */
  private @Nullable Long takeOver(Connection connection) throws SQLException {
    if (Sql.update(connection, takeOver, holderId, ttlMillis, name, holderId) != 1) {
      return null;
    }
    try (PreparedStatement statement =
            Sql.bind(connection.prepareStatement(selectEpoch), name, holderId);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private void startRenewer() {
    if (renewer == null) {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threadFactory);
      executor.setRemoveOnCancelPolicy(true);
      executor.scheduleWithFixedDelay(
          this::renew, renewalMillis, renewalMillis, TimeUnit.MILLISECONDS);
      renewer = executor;
    }
  }

  /** Runs on the renewal thread: extends the holding, or gives it up at once if that fails. */
  private void renew() {
    synchronized (lock) {
      Holding h = holding;
      if (h == null || closed) {
        return;
      }
      long start = nanoTime.getAsLong();
      try {
        int rows =
            Sql.autoCommit(
                dataSource,
                "renew lease \"" + name + "\"",
                table,
                failure(),
                connection -> Sql.update(connection, renew, ttlMillis, name, holderId, h.epoch()));
        if (rows == 1 && !closed) {
          holding = new Holding(h.epoch(), start);
          log.debug("lease {} renewed at epoch {}", name, h.epoch());
        } else {
          holding = null;
          log.warn("lease {} was lost at epoch {}: it expired or was taken over", name, h.epoch());
        }
      } catch (RuntimeException e) {
        holding = null;
        log.warn(
            "lease {} given up at epoch {}: renewal failed: {}", name, h.epoch(), e.getMessage());
      }
    }
  }

  private static Sql.Failure failure() {
    return EventSyncException::new;
  }

  @Override
  public String toString() {
    return "JdbcLease(" + name + " in " + table + ", holder " + holderId + ")";
  }

  /** Configures a {@link JdbcLease}. Not thread-safe. */
  public static final class Builder extends TableBuilder<Builder> {
    private final String name;
    private final Duration ttl;
    private @Nullable Duration renewalInterval;
    private @Nullable String holderId;
    private @Nullable ThreadFactory threadFactory;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(DataSource dataSource, String name, Duration ttl) {
      super(dataSource, DEFAULT_TABLE_NAME);
      this.name = LeaseSettings.checkLength(name, "name");
      this.ttl = LeaseSettings.checkTtl(ttl);
    }

    /**
     * Sets how often the holder renews the lease. Default: a third of the TTL ({@link
     * #DEFAULT_RENEWALS_PER_TTL}); leave room for a slow renewal or two.
     *
     * @throws IllegalArgumentException if it is not positive or not shorter than the TTL
     */
    public Builder renewalInterval(Duration renewalInterval) {
      this.renewalInterval = LeaseSettings.checkRenewalInterval(renewalInterval, ttl);
      return this;
    }

    /**
     * Sets this holder's id, stored in the table; it must be unique per lease instance. Default:
     * {@code <pid>@<host>/<random>}.
     *
     * @throws IllegalArgumentException if it is empty or longer than 255 characters
     */
    public Builder holderId(String holderId) {
      this.holderId = LeaseSettings.checkLength(holderId, "holderId");
      return this;
    }

    /**
     * Sets the factory of the renewal thread. Default: a daemon thread named {@code
     * eventsync-lease-<name>-1}.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory == null");
      return this;
    }

    /**
     * Sets the monotonic nanosecond clock of the local expiry estimate (for tests). Default {@link
     * System#nanoTime()}. The lease's expiry itself is always decided by the database's clock.
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Returns the lease, not yet acquired. */
    public JdbcLease build() {
      return new JdbcLease(this);
    }
  }
}
