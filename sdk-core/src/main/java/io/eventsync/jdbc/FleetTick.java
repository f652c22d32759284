package io.eventsync.jdbc;

import io.eventsync.EventSyncException;
import io.eventsync.internal.TrackedThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one task of a {@link JdbcFleet}'s renewal thread: heartbeat, renew, rebalance; see the
 * fleet's javadoc. Runs on that thread only, so its own state needs no lock; the views it updates
 * are thread-safe.
 */
final class FleetTick implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(JdbcFleet.class);

  private final JdbcFleet fleet;
  private final DataSource dataSource;
  private final FleetTables tables;
  private final int slack;
  private final Duration interval;
  private final Set<String> knownRows = new HashSet<>();

  private TrackedThreads threads;
  private ScheduledThreadPoolExecutor executor;
  private volatile int liveMembers;
  private int failures; // consecutive failed ticks
  private long failingSince;
  private String summary = "";

  FleetTick(
      JdbcFleet fleet, DataSource dataSource, FleetTables tables, int slack, long intervalMillis) {
    this.fleet = fleet;
    this.dataSource = dataSource;
    this.tables = tables;
    this.slack = slack;
    this.interval = Duration.ofMillis(intervalMillis);
  }

  /** Starts the schedule: a first tick at once, then one every interval. */
  void start(ThreadFactory factory) {
    threads = new TrackedThreads(factory);
    executor = new ScheduledThreadPoolExecutor(1, threads);
    executor.setRemoveOnCancelPolicy(true);
    executor.scheduleAtFixedRate(this, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the schedule and waits up to {@code waitNanos} for the thread to end. */
  void stop(long waitNanos) {
    executor.shutdownNow();
    if (!threads.awaitEnded(System.nanoTime() + waitNanos)) {
      log.warn(
          "fleet {}: the renewal thread of member {} did not stop in time",
          fleet.name(),
          fleet.memberId());
    }
  }

  /** Releases every lease of this member and deletes its row (the thread has stopped). */
  void leave() {
    try {
      int released =
          Sql.autoCommit(
              dataSource,
              "leave fleet \"" + fleet.name() + "\"",
              tables.leases,
              EventSyncException::new,
              connection -> {
                int n = tables.releaseAll(connection);
                tables.leave(connection);
                return n;
              });
      log.debug(
          "fleet {}: member {} left, releasing {} leases",
          fleet.name(),
          fleet.memberId(),
          released);
    } catch (EventSyncException e) {
      log.warn(
          "fleet {}: member {} cannot release its leases; they expire after the TTL: {}",
          fleet.name(),
          fleet.memberId(),
          e.getMessage());
    }
  }

  int liveMembers() {
    return liveMembers;
  }

  /** One tick; never throws (an exception would end the schedule). */
  @Override
  public void run() {
    if (fleet.isClosed()) {
      return;
    }
    long start = fleet.nanoTime();
    try {
      tables.members.ensureCreated(dataSource);
      tables.leases.ensureCreated(dataSource);
      Sql.autoCommit(
          dataSource,
          "renew the leases of fleet \"" + fleet.name() + "\"",
          tables.leases,
          EventSyncException::new,
          connection -> {
            tick(connection, start);
            return null;
          });
      if (failures > 0) {
        log.debug(
            "fleet {}: member {} reached the database again after {} failed ticks ({})",
            fleet.name(),
            fleet.memberId(),
            failures,
            Duration.ofNanos(fleet.nanoTime() - failingSince));
      }
      failures = 0;
    } catch (RuntimeException e) {
      if (failures++ == 0) {
        failingSince = start;
        log.warn(
            "fleet {}: member {} cannot renew its leases: {}; it stops handing over events within"
                + " the TTL and retries every {}",
            fleet.name(),
            fleet.memberId(),
            e.getMessage(),
            interval);
      } else {
        log.debug(
            "fleet {}: member {} still cannot renew its leases (tick {}): {}",
            fleet.name(),
            fleet.memberId(),
            failures,
            e.getMessage());
      }
    }
  }

  private void tick(Connection connection, long start) throws SQLException {
    boolean joined = tables.heartbeat(connection);
    if (joined) {
      tables.purge(connection);
    }
    Map<String, FleetLease> views = new HashMap<>(fleet.views());

    // Renew: what the database no longer gives this member is lost at once.
    Map<String, Long> held = tables.renewAll(connection);
    Map<String, Long> release = new HashMap<>();
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, Long> e : held.entrySet()) {
      FleetLease view = views.get(e.getKey());
      FleetLease.Holding h = view == null ? null : view.holding();
      if (h != null && h.epoch() == e.getValue()) {
        view.held(h.epoch(), start);
      } else {
        release.put(e.getKey(), e.getValue()); // given up, or from an earlier run of this member
      }
    }
    List<FleetLease> active = new ArrayList<>();
    for (FleetLease view : views.values()) {
      FleetLease.Holding h = view.holding();
      if (h == null) {
        continue;
      }
      if (!held.containsKey(view.stream()) || held.get(view.stream()) != h.epoch()) {
        view.lost();
        lost.add(view.stream());
      } else if (view.dueForRelease(start, fleet.ttlNanos())) {
        view.lost(); // stops handing over events before the database lets anyone else in
        release.put(view.stream(), h.epoch());
      } else if (!view.isReleasing()) {
        active.add(view);
      }
    }
    tables.release(connection, release);
    // After the renewal, which must not wait for the first registration of many streams.
    Set<String> unknown = new HashSet<>(views.keySet());
    unknown.removeAll(knownRows);
    if (!unknown.isEmpty()) {
      knownRows.addAll(tables.ensureRows(connection, unknown));
    }

    // Rebalance towards the fair share.
    List<String> members = new ArrayList<>(tables.liveMembers(connection));
    if (!members.contains(fleet.memberId())) {
      members.add(fleet.memberId());
    }
    Collections.sort(members);
    liveMembers = members.size();
    int wanted = views.size();
    int rank = members.indexOf(fleet.memberId());
    int share = wanted / members.size() + (rank < wanted % members.size() ? 1 : 0) + slack;
    int handingOver = 0;
    List<String> taken = List.of();
    if (active.size() > share) {
      Collections.shuffle(active);
      for (FleetLease view : active.subList(share, active.size())) {
        view.releasing(start);
        handingOver++;
      }
    } else if (active.size() < share) {
      int deficit = share - active.size();
      for (FleetLease view : views.values()) {
        if (deficit > 0 && view.holding() != null && view.cancelReleasing()) {
          deficit--;
        }
      }
      if (deficit > 0 && !joined && !fleet.isClosed()) { // close() may not wait for a stuck tick
        taken = takeOver(connection, views, release.keySet(), deficit, start);
      }
    }
    if (!lost.isEmpty()) {
      String message = "fleet {}: member {} lost {} leases (expired or taken over): {}";
      Object[] args = {fleet.name(), fleet.memberId(), lost.size(), sample(lost)};
      if (failures > 0) {
        log.debug(message, args); // the outage was reported already
      } else {
        log.warn(message, args);
      }
    }
    logSummary(views, members.size(), share, taken, release, handingOver);
  }

  /** Takes over up to {@code deficit} of the free wanted streams; returns those taken. */
  private List<String> takeOver(
      Connection connection,
      Map<String, FleetLease> views,
      Set<String> justReleased,
      int deficit,
      long start)
      throws SQLException {
    List<String> candidates = new ArrayList<>();
    for (String stream : tables.candidates(connection)) {
      FleetLease view = views.get(stream);
      if (view != null && view.holding() == null && !justReleased.contains(stream)) {
        candidates.add(stream);
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    Collections.sort(candidates);
    // From a random place, so that members catching up together try different rows first.
    Collections.rotate(candidates, -ThreadLocalRandom.current().nextInt(candidates.size()));
    List<String> taken = new ArrayList<>();
    int next = 0;
    while (taken.size() < deficit && next < candidates.size()) {
      int end = Math.min(candidates.size(), next + deficit - taken.size());
      taken.addAll(tables.takeOver(connection, candidates.subList(next, end)));
      next = end;
    }
    if (!taken.isEmpty()) {
      Map<String, Long> epochs = tables.held(connection);
      for (String stream : taken) {
        Long epoch = epochs.get(stream);
        if (epoch != null) {
          views.get(stream).held(epoch, start);
        }
      }
    }
    return taken;
  }

  private void logSummary(
      Map<String, FleetLease> views,
      int members,
      int share,
      List<String> taken,
      Map<String, Long> released,
      int handingOver) {
    int holds = 0;
    for (FleetLease view : views.values()) {
      if (view.holding() != null) {
        holds++;
      }
    }
    String now =
        holds + " of " + views.size() + " streams (" + members + " members, fair share " + share;
    if (!log.isDebugEnabled()
        || (taken.isEmpty() && released.isEmpty() && handingOver == 0 && now.equals(summary))) {
      summary = now;
      return;
    }
    summary = now;
    log.debug(
        "fleet {}: member {} holds {}); took over {}, released {}, handing over {}",
        fleet.name(),
        fleet.memberId(),
        now,
        taken.size(),
        released.size(),
        handingOver);
  }

  /** The streams' names, the first five, for messages. */
  static String sample(Collection<String> streams) {
    StringBuilder s = new StringBuilder();
    int n = 0;
    for (String stream : new TreeSet<>(streams)) {
      if (n++ == 5) {
        return s.append(", … (").append(streams.size()).append(" in all)").toString();
      }
      s.append(n == 1 ? "" : ", ").append(stream);
    }
    return s.toString();
  }
}
