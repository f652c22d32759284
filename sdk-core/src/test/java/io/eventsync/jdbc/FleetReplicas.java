package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The replicas of one {@link JdbcFleet} in a test: each an instance with its own member id and
 * faulty data source, registering the same streams; optionally "pollers" that call {@code
 * tryAcquire()} on every view as a poller does before each batch; checks of the table and of the
 * views for double holders. Closes everything it started.
 */
final class FleetReplicas implements AutoCloseable {
  static final Duration TTL = Duration.ofMillis(1000);
  static final Duration RENEWAL = Duration.ofMillis(200);

  /** One replica. */
  static final class Replica {
    final String id;
    final FaultyDataSource dataSource;
    final JdbcFleet fleet;
    final Map<String, Lease> leases = new LinkedHashMap<>();

    Replica(String id, FaultyDataSource dataSource, JdbcFleet fleet) {
      this.id = id;
      this.dataSource = dataSource;
      this.fleet = fleet;
    }

    int held() {
      return fleet.heldStreams().size();
    }
  }

  private final DataSource db;
  private final String name;
  private final List<String> streams = new ArrayList<>();
  private final Duration ttl;
  private final Duration renewal;
  private final List<Replica> replicas = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;
  final AtomicInteger doubleHolders = new AtomicInteger();
  final AtomicInteger samples = new AtomicInteger();

  FleetReplicas(DataSource db, String name, int streams, Duration ttl, Duration renewal) {
    this.db = db;
    this.name = name;
    this.ttl = ttl;
    this.renewal = renewal;
    for (int i = 0; i < streams; i++) {
      this.streams.add(String.format("%s-%03d", name, i));
    }
  }

  FleetReplicas(DataSource db, String name, int streams) {
    this(db, name, streams, TTL, RENEWAL);
  }

  List<String> streams() {
    return streams;
  }

  /** Starts a replica {@code <name>-<id>} that registers every stream. */
  Replica add(String id) {
    FaultyDataSource dataSource = new FaultyDataSource(db);
    JdbcFleet fleet =
        JdbcFleet.builder(dataSource, name, ttl)
            .renewalInterval(renewal)
            .memberId(name + "-" + id)
            .build();
    Replica replica = new Replica(name + "-" + id, dataSource, fleet);
    for (String stream : streams) {
      replica.leases.put(stream, fleet.lease(stream));
    }
    synchronized (replicas) {
      replicas.add(replica);
    }
    return replica;
  }

  /**
   * Calls {@code tryAcquire()} on every view of every replica every {@code period}, as idle pollers
   * do between batches.
   */
  void startPolling(Duration period) {
    background(
        () -> {
          for (Replica replica : snapshot()) {
            replica.leases.values().forEach(Lease::tryAcquire);
          }
        },
        period);
  }

  /** Checks all the time that no stream is held by two replicas' views at once. */
  void startSampling() {
    background(
        () -> {
          samples.incrementAndGet();
          List<Replica> replicas = snapshot();
          for (String stream : streams) {
            int holders = 0;
            for (Replica replica : replicas) {
              if (replica.leases.get(stream).isHeld()) {
                holders++;
              }
            }
            if (holders > 1) {
              doubleHolders.incrementAndGet();
            }
          }
        },
        Duration.ofMillis(2));
  }

  /** True when every stream is held by exactly one replica, each holding {@code min..max}. */
  boolean balanced(int min, int max) {
    int total = 0;
    for (Replica replica : snapshot()) {
      int held = replica.held();
      if (held < min || held > max) {
        return false;
      }
      total += held;
    }
    return total == streams.size() && holders().size() == streams.size();
  }

  /** The table's live holders, by stream. */
  Map<String, String> holders() {
    Map<String, String> holders = new TreeMap<>();
    try (Connection connection = db.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT stream, holder FROM eventsync_fleet_leases WHERE fleet = ? AND holder IS"
                    + " NOT NULL AND expires_at > CURRENT_TIMESTAMP")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          holders.put(rs.getString(1), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return holders;
  }

  /** The table's row of {@code stream}: holder (or null) and epoch. */
  Object[] row(String stream) {
    try (Connection connection = db.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT holder, epoch FROM eventsync_fleet_leases WHERE fleet = ? AND stream = ?")) {
      statement.setString(1, name);
      statement.setString(2, stream);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).as("row of " + stream).isTrue();
        return new Object[] {rs.getString(1), rs.getLong(2)};
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each stream's epoch as its current holder's view reports it. */
  Map<String, Long> epochs() {
    Map<String, Long> epochs = new TreeMap<>();
    for (Replica replica : snapshot()) {
      replica.leases.forEach(
          (stream, lease) -> {
            if (lease.isHeld()) {
              epochs.put(stream, lease.epoch());
            }
          });
    }
    return epochs;
  }

  /** Forgets {@code replica} (closed or abandoned by the test). */
  void remove(Replica replica) {
    synchronized (replicas) {
      replicas.remove(replica);
    }
  }

  List<Replica> snapshot() {
    synchronized (replicas) {
      return new ArrayList<>(replicas);
    }
  }

  private void background(Runnable task, Duration period) {
    Thread thread =
        new Thread(
            () -> {
              while (!stopped) {
                task.run();
                try {
                  Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fleet-test-" + name + "-" + threads.size());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Stops the background threads (the replicas keep running). */
  void stopBackground() {
    stopped = true;
    try {
      for (Thread thread : threads) {
        thread.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopBackground();
    for (Replica replica : snapshot()) {
      replica.fleet.close();
    }
  }
}
