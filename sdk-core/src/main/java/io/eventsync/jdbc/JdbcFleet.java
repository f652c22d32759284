package io.eventsync.jdbc;

import io.eventsync.internal.DaemonThreads;
import io.eventsync.poll.Lease;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One replica's membership in a named fleet that shares many streams, each with a {@link Lease} in
 * a database table, balanced across the live replicas and renewed by one thread per replica (where
 * a {@link JdbcLease} per stream would take one thread each). Give each stream's poller its view,
 * {@link #lease(String)}, and a {@link JdbcCursorStore}:
 *
 * <pre>{@code
 * JdbcFleet fleet = JdbcFleet.create(dataSource, "tiki-sellers", Duration.ofSeconds(30));
 * for (String queue : queues) { // the same queues on every replica
 *   pollers.add(client.eventQueue().poller(queue)
 *       .cursorStore(store)
 *       .lease(fleet.lease(queue))
 *       .handler(...)
 *       .build());
 * }
 * pollers.forEach(Poller::start);
 * ...
 * pollers.forEach(Poller::close);
 * fleet.close(); // the other replicas take this one's streams over at their next tick
 * }</pre>
 *
 * <p><b>Membership.</b> Every {@link Builder#renewalInterval} (a third of the TTL by default) the
 * fleet's thread runs one tick: it extends its row in {@code eventsync_fleet_members}, renews every
 * lease it holds in {@code eventsync_fleet_leases} with one statement, counts the live members, and
 * moves towards its fair share. A member is live, and a lease held, until {@code ttl} after its
 * last renewal <em>by the database's clock</em> ({@code CURRENT_TIMESTAMP}); replicas' clocks are
 * never compared.
 *
 * <p><b>Fair share.</b> With {@code W} streams wanted by this replica and {@code M} live members,
 * the members sorted by id take {@code ceil(W / M)} each for the first {@code W mod M} of them and
 * {@code floor(W / M)} for the others, plus {@link Builder#slack}: the shares add up to {@code W}.
 * This assumes every replica registers the same streams; a stream only some replicas want is served
 * by them, but the shares are then only approximate. A member under its share takes over free,
 * released or expired leases among the streams it wants (a new epoch each, from a random starting
 * point so that members do not contend for the same rows); a member over its share hands the
 * surplus over. A new member (the first tick, or after its row expired) only registers: replicas
 * started together do not let the first one take everything; it takes leases from its second tick
 * on.
 *
 * <p><b>Hand-off without duplicates.</b> A lease being handed over stays {@link Lease#isHeld()
 * held}, so the batch in flight finishes and commits; its next {@link Lease#tryAcquire()} returns
 * false, and once the poller has settled its last commit ({@link Lease#quiesced()}) the next tick
 * releases it. A lease whose poller does not stop within a whole TTL is released anyway; its late
 * commit is then fenced by {@link JdbcCursorStore}.
 *
 * <p><b>Failure.</b> The views never touch the database: {@link Lease#tryAcquire()}, {@link
 * Lease#isHeld()} and {@link Lease#epoch()} read what the last tick established. A lease missing
 * from a renewal is lost at once. While the database fails, the fleet logs one warning per outage
 * and keeps trying every interval; each lease stays held locally only until the TTL has passed
 * since the <em>start</em> of its last successful renewal by this process's monotonic clock, which
 * ends before the database's expiry, so a replica stops handing over events before any other can
 * start. When the database is back the replica registers again and takes leases over with new
 * epochs.
 *
 * <p>A commit fenced after the lease lapsed (a forced hand-off, renewals that failed past the TTL)
 * does not halt the poller: it drops its uncommitted progress, which the new holder hands over
 * again, and goes on if the fleet gives it the stream back. A poller that halts (a handler failure
 * under a halting policy) keeps its lease: the stream stops at that replica, visibly ({@link
 * io.eventsync.poll.Poller#health()}), and no other replica runs into the same failure; fix the
 * cause and restart it. Closing a halted poller's view gives the stream up, but another replica
 * takes it only if it has room beyond its fair share: give the replicas {@link Builder#slack(int)}
 * of at least 1 if you do that.
 *
 * <p>Tested on PostgreSQL 14 (times use its interval arithmetic); the statements are otherwise
 * plain SQL. Both tables are created on first use unless {@link Builder#createSchema(boolean)} is
 * off; see {@code io/eventsync/jdbc/schema.sql}. Thread-safe. {@link #close()} stops the thread,
 * releases every lease this replica holds and leaves the fleet; close the pollers first.
 */
public final class JdbcFleet implements AutoCloseable {
  /** Default {@link Builder#membersTableName}: {@value}. */
  public static final String DEFAULT_MEMBERS_TABLE_NAME = FleetTables.DEFAULT_MEMBERS_TABLE;

  /** Default {@link Builder#leasesTableName}: {@value}. */
  public static final String DEFAULT_LEASES_TABLE_NAME = FleetTables.DEFAULT_LEASES_TABLE;

  /** The default {@link Builder#renewalInterval} is the TTL divided by this: {@value}. */
  public static final int DEFAULT_RENEWALS_PER_TTL = 3;

  private final String name;
  private final String memberId;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final FleetTables tables;
  private final FleetTick tick;
  private final ConcurrentHashMap<String, FleetLease> leases = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private volatile boolean closed;

  private JdbcFleet(Builder b) {
    this.name = b.name;
    this.memberId = b.memberId != null ? b.memberId : LeaseSettings.defaultHolderId();
    long ttlMillis = b.ttl.toMillis();
    this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    long renewalMillis =
        b.renewalInterval != null
            ? b.renewalInterval.toMillis()
            : Math.max(1, ttlMillis / DEFAULT_RENEWALS_PER_TTL);
    this.nanoTime = b.nanoTime;
    this.tables =
        new FleetTables(
            Table.of(DEFAULT_MEMBERS_TABLE_NAME, b.membersTable, b.createSchema),
            Table.of(DEFAULT_LEASES_TABLE_NAME, b.leasesTable, b.createSchema),
            name,
            memberId,
            ttlMillis);
    this.tick = new FleetTick(this, b.dataSource, tables, b.slack, renewalMillis);
    tick.start(
        b.threadFactory != null
            ? b.threadFactory
            : DaemonThreads.numbered("eventsync-fleet-" + name));
  }

  /**
   * Joins the fleet {@code fleet} with the given time to live, tables {@value
   * #DEFAULT_MEMBERS_TABLE_NAME} and {@value #DEFAULT_LEASES_TABLE_NAME} (created on first use),
   * renewed every third of {@code ttl}, no slack; the renewal thread starts at once.
   *
   * @throws IllegalArgumentException if {@code fleet} is empty or longer than 255 characters, or
   *     {@code ttl} is shorter than 100 ms
   */
  public static JdbcFleet create(DataSource dataSource, String fleet, Duration ttl) {
    return builder(dataSource, fleet, ttl).build();
  }

  /** Returns a builder of this replica's membership in {@code fleet}; see {@link #create}. */
  public static Builder builder(DataSource dataSource, String fleet, Duration ttl) {
    return new Builder(dataSource, fleet, ttl);
  }

  /**
   * Registers {@code stream} as wanted by this replica and returns its lease, for the stream's
   * poller. The fleet takes it over at a coming tick if it is free and within this replica's fair
   * share. Closing the view gives the stream up (released at the next tick); it can then be
   * registered again.
   *
   * @throws IllegalArgumentException if {@code stream} is empty or longer than 255 characters
   * @throws IllegalStateException if {@code stream} is registered already, or the fleet is closed
   */
  public Lease lease(String stream) {
    LeaseSettings.checkLength(stream, "stream");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(
            "fleet " + name + " is closed: build a new JdbcFleet to lease stream " + stream);
      }
      FleetLease view = new FleetLease(this, stream);
      if (leases.putIfAbsent(stream, view) != null) {
        throw new IllegalStateException(
            "stream "
                + stream
                + " is registered already in fleet "
                + name
                + ": use the Lease returned the first time, or close it before leasing it again");
      }
      return view;
    }
  }

  /** Returns the streams this replica holds now (a snapshot), sorted. */
  public Set<String> heldStreams() {
    Set<String> held = new TreeSet<>();
    for (FleetLease view : leases.values()) {
      if (view.isHeld()) {
        held.add(view.stream());
      }
    }
    return held;
  }

  /** Returns how many live members the last successful tick counted (0 before the first). */
  public int liveMembers() {
    return tick.liveMembers();
  }

  /** Returns this replica's id, as stored in the tables' {@code member} and {@code holder}. */
  public String memberId() {
    return memberId;
  }

  /** Returns the fleet's name. */
  public String name() {
    return name;
  }

  /**
   * Stops the renewal thread (waiting for it to end), releases every lease this replica holds and
   * leaves the fleet, so the other replicas take its streams over at their next tick. Idempotent. A
   * release that fails is logged; the leases then expire after the TTL.
   */
  @Override
  public void close() {
    if (!stop()) {
      return;
    }
    leases.values().forEach(FleetLease::lost);
    tick.leave();
  }

  /** Stops the renewal thread as a killed process would: nothing is released (for tests). */
  void abandonForTest() {
    stop();
  }

  /** Stops the thread; returns false if the fleet was closed already. */
  private boolean stop() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    tick.stop(Math.max(ttlNanos, TimeUnit.SECONDS.toNanos(1)));
    return true;
  }

  // ---- for the views and the tick ----

  boolean isClosed() {
    return closed;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  long ttlNanos() {
    return ttlNanos;
  }

  /** The open views, by stream. */
  ConcurrentHashMap<String, FleetLease> views() {
    return leases;
  }

  /** Called by a view's close(): the stream is not wanted any more. */
  void unregister(FleetLease view) {
    leases.remove(view.stream(), view);
  }

  @Override
  public String toString() {
    return "JdbcFleet(" + name + " in " + tables.leases + ", member " + memberId + ")";
  }

  /** Configures a {@link JdbcFleet}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final String name;
    private final Duration ttl;
    private @Nullable Duration renewalInterval;
    private int slack;
    private @Nullable String memberId;
    private String membersTable = DEFAULT_MEMBERS_TABLE_NAME;
    private String leasesTable = DEFAULT_LEASES_TABLE_NAME;
    private boolean createSchema = true;
    private @Nullable ThreadFactory threadFactory;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(DataSource dataSource, String name, Duration ttl) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
      this.name = LeaseSettings.checkLength(name, "fleet");
      this.ttl = LeaseSettings.checkTtl(ttl);
    }

    /**
     * Sets how often the replica renews its membership and leases and rebalances. Default: a third
     * of the TTL ({@link #DEFAULT_RENEWALS_PER_TTL}); leave room for a slow renewal or two.
     *
     * @throws IllegalArgumentException if it is not positive or not shorter than the TTL
     */
    public Builder renewalInterval(Duration renewalInterval) {
      this.renewalInterval = LeaseSettings.checkRenewalInterval(renewalInterval, ttl);
      return this;
    }

    /**
     * Sets how many leases this replica may hold beyond its fair share before it hands any over:
     * fewer hand-offs when members come and go, less even balance. Default 0.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public Builder slack(int slack) {
      if (slack < 0) {
        throw new IllegalArgumentException("slack must be 0 or more but was " + slack);
      }
      this.slack = slack;
      return this;
    }

    /**
     * Sets this replica's id, stored in the tables; it must be unique in the fleet. Default: {@code
     * <pid>@<host>/<random>}.
     *
     * @throws IllegalArgumentException if it is empty or longer than 255 characters
     */
    public Builder memberId(String memberId) {
      this.memberId = LeaseSettings.checkLength(memberId, "memberId");
      return this;
    }

    /**
     * Sets the members table, optionally schema-qualified. Default {@value
     * #DEFAULT_MEMBERS_TABLE_NAME}.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier ({@code
     *     [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters per part)
     */
    public Builder membersTableName(String tableName) {
      this.membersTable = Table.checkName(tableName);
      return this;
    }

    /**
     * Sets the leases table, optionally schema-qualified. Default {@value
     * #DEFAULT_LEASES_TABLE_NAME}.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier ({@code
     *     [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters per part)
     */
    public Builder leasesTableName(String tableName) {
      this.leasesTable = Table.checkName(tableName);
      return this;
    }

    /**
     * Sets whether both tables are created on first use with {@code CREATE TABLE IF NOT EXISTS}.
     * Default true; turn it off when your migrations create them from {@code
     * io/eventsync/jdbc/schema.sql}.
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /**
     * Sets the factory of the renewal thread. Default: a daemon thread named {@code
     * eventsync-fleet-<fleet>-1}.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory == null");
      return this;
    }

    /**
     * Sets the monotonic nanosecond clock of the local expiry estimate (for tests). Default {@link
     * System#nanoTime()}. The leases' expiry itself is always decided by the database's clock.
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
      return this;
    }

    /** Joins the fleet: starts the renewal thread, whose first tick registers this replica. */
    public JdbcFleet build() {
      return new JdbcFleet(this);
    }
  }
}
