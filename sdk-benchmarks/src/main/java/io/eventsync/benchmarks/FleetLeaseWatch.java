package io.eventsync.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Samples {@code eventsync_fleet_leases} every {@code periodMillis} from the orchestrator of {@link
 * FleetRun}: who holds each stream now (a holder whose lease has not expired by the database's
 * clock), and whether a stream ever changed holder without a new epoch or went back to an older
 * epoch (either would let two replicas commit under the same fencing token).
 */
final class FleetLeaseWatch implements AutoCloseable {
  /**
   * One sample: each stream's live holder (or absent), as of the query's snapshot, which PostgreSQL
   * takes when the statement starts: between {@code nanos} (System.nanoTime before the query was
   * sent) and {@code endNanos} (when its answer came).
   */
  record Sample(long nanos, long endNanos, Map<String, String> holders) {
    /** Live leases per holder, sorted by holder. */
    Map<String, Integer> counts() {
      Map<String, Integer> counts = new TreeMap<>();
      holders.values().forEach(h -> counts.merge(h, 1, Integer::sum));
      return counts;
    }

    /** True if every one of {@code streams} streams is held by one of {@code live}. */
    boolean allHeldBy(Set<String> live, int streams) {
      return holders.size() == streams && live.containsAll(holders.values());
    }
  }

  private final Connection connection;
  private final String fleet;
  private final long periodMillis;
  private final Map<String, Long> lastEpoch = new HashMap<>();
  private final Map<String, String> lastHolder = new HashMap<>();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong violations = new AtomicLong();
  private final AtomicLong holderChanges = new AtomicLong();
  private final List<String> violationSamples = new ArrayList<>();
  private final Thread thread;
  private volatile Sample last = new Sample(0, 0, Map.of());
  private volatile boolean stopped;
  private volatile long maxSampleMillis;

  FleetLeaseWatch(DataSource dataSource, String fleet, long periodMillis) throws SQLException {
    this.connection = dataSource.getConnection();
    this.fleet = fleet;
    this.periodMillis = periodMillis;
    this.thread = new Thread(this::loop, "fleet-lease-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Returns how long the leases of {@code holder} have left by the database's clock (the latest
   * expiry), in milliseconds; negative if they expired already.
   */
  long remainingMillis(String holder) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT EXTRACT(EPOCH FROM (MAX(expires_at) - clock_timestamp())) * 1000 FROM"
                + " eventsync_fleet_leases WHERE fleet = ? AND holder = ?")) {
      s.setString(1, fleet);
      s.setString(2, holder);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return Math.round(rs.getDouble(1));
      }
    }
  }

  Sample last() {
    return last;
  }

  long samples() {
    return samples.get();
  }

  long violations() {
    return violations.get();
  }

  long holderChanges() {
    return holderChanges.get();
  }

  long maxSampleMillis() {
    return maxSampleMillis;
  }

  synchronized List<String> violationSamples() {
    return new ArrayList<>(violationSamples);
  }

  private void loop() {
    while (!stopped) {
      long start = System.nanoTime();
      try {
        sample();
      } catch (SQLException e) {
        if (!stopped) {
          System.out.println("lease watch: " + e.getMessage());
        }
      }
      long took = (System.nanoTime() - start) / 1_000_000;
      maxSampleMillis = Math.max(maxSampleMillis, took);
      try {
        Thread.sleep(Math.max(1, periodMillis - took));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() throws SQLException {
    Map<String, String> holders = new HashMap<>();
    long sent;
    long taken;
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT stream, holder, epoch, expires_at > CURRENT_TIMESTAMP FROM"
                + " eventsync_fleet_leases WHERE fleet = ?")) {
      s.setString(1, fleet);
      sent = System.nanoTime();
      try (ResultSet rs = s.executeQuery()) {
        taken = System.nanoTime();
        while (rs.next()) {
          String stream = rs.getString(1);
          String holder = rs.getString(2);
          long epoch = rs.getLong(3);
          if (holder != null && rs.getBoolean(4)) {
            holders.put(stream, holder);
          }
          check(stream, holder, epoch);
        }
      }
    }
    samples.incrementAndGet();
    last = new Sample(sent, taken, holders);
  }

  /** An epoch must never go back, and a new holder must come with a new epoch. */
  private void check(String stream, String holder, long epoch) {
    Long before = lastEpoch.get(stream);
    if (before != null && epoch < before) {
      violation(stream + ": epoch went back from " + before + " to " + epoch);
    }
    if (holder != null) {
      String previous = lastHolder.get(stream);
      if (previous != null && !previous.equals(holder)) {
        holderChanges.incrementAndGet();
        if (before != null && epoch <= before) {
          violation(stream + ": holder " + previous + " -> " + holder + " at epoch " + epoch);
        }
      }
      lastHolder.put(stream, holder);
    }
    lastEpoch.put(stream, epoch);
  }

  private synchronized void violation(String what) {
    violations.incrementAndGet();
    if (violationSamples.size() < 20) {
      violationSamples.add(what);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      // the database is stopping
    }
  }
}
