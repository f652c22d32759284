package io.eventsync.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;

/**
 * Issue 16's fleet run: replicas in separate JVMs ({@link FleetReplica}) share the Tiki sellers'
 * queues of a sandbox (a child JVM) through a {@link io.eventsync.jdbc.JdbcFleet} on an embedded
 * PostgreSQL, each with one {@link io.eventsync.poll.PollerGroup} over every stream and a
 * transactional handler writing one effect row per event. Events are emitted to every stream
 * throughout. Measures the per-replica stream counts once settled after start, after a replica
 * joins and after one is SIGKILLed, and the takeover time (from the kill until every stream is held
 * again by a live replica, read from the leases table every 50 ms); then freezes a replica
 * (SIGSTOP) for longer than the TTL and resumes it (SIGCONT), so that its pollers find their leases
 * taken over mid-batch (what fencing is for), and reports the counts once settled. Checks that no
 * stream ever changed holder without a new epoch, and at the end that every emitted event has
 * exactly one effect, in order per stream. Exits 3 if a target is missed, 1 on an error.
 *
 * <p>{@code java -cp benchmarks.jar io.eventsync.benchmarks.FleetRun [--streams 300] [--replicas 3]
 * [--ttl-ms 3000] [--renewal-ms 1000] [--rate 300] [--threads 8] [--idle-backoff-ms 500]
 * [--settle-ms 3000] [--pause-ms TTL+2000] [--handler-ms 0] [--replica-heap 160m] [--log-dir
 * target/fleetrun]}
 */
public final class FleetRun {

  private final FleetRunOptions o;
  private final PrintStream out;
  private final List<String> missed = new ArrayList<>();
  private final Map<String, ReplicaProcess> replicas = new LinkedHashMap<>();
  private final Set<String> killed = new TreeSet<>();
  private final Set<String> paused = new TreeSet<>();
  private final List<String> queues = new ArrayList<>();
  private FleetEmitter emitter;
  private FleetLeaseWatch watch;

  private FleetRun(FleetRunOptions o, PrintStream out) {
    this.o = o;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    FleetRunOptions options;
    try {
      options = FleetRunOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(FleetRunOptions.USAGE);
      System.exit(2);
      return;
    }
    FleetRun run = new FleetRun(options, System.out);
    int code;
    try {
      code = run.run();
    } catch (Exception e) {
      e.printStackTrace(System.out);
      code = 1;
    } finally {
      run.replicas.values().forEach(r -> r.stop());
    }
    System.out.flush();
    System.exit(code);
  }

  private int run() throws Exception {
    out.println("uptime before: " + ManyStreamsRun.Uptime.read());
    Files.createDirectories(o.logDir());
    OkHttpClient admin = new OkHttpClient();
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        SandboxProcess sandbox =
            SandboxProcess.start("512m", List.of("--max-queues", "" + o.streams()))) {
      DataSource db = pg.getPostgresDatabase();
      FleetEffects.createSchema(db);
      out.printf(Locale.ROOT, "sandbox child pid=%d url=%s%n", sandbox.pid(), sandbox.url());
      List<String[]> streams = FleetEmitter.createStreams(sandbox, admin, o.streams(), out);
      streams.forEach(st -> queues.add(st[1]));
      Path streamsFile = o.logDir().resolve("streams.txt");
      List<String> lines = new ArrayList<>();
      streams.forEach(s -> lines.add(s[1] + " " + s[2]));
      Files.write(streamsFile, lines);
      List<String> replicaArgs =
          List.of(
              "--jdbc-url", pg.getJdbcUrl("postgres", "postgres"),
              "--sandbox-url", sandbox.url(),
              "--streams-file", streamsFile.toString(),
              "--ttl-ms", "" + o.ttlMillis(),
              "--renewal-ms", "" + o.renewalMillis(),
              "--threads", "" + o.threads(),
              "--idle-backoff-ms", "" + o.idleBackoffMillis(),
              "--handler-ms", "" + o.handlerMillis());
      watch = new FleetLeaseWatch(db, FleetReplica.FLEET, 50);
      emitter = new FleetEmitter(sandbox, admin, streams, o.rate(), out);
      emitter.start();
      try {
        return phases(replicaArgs, db);
      } finally {
        emitter.stop(); // idempotent
        watch.close();
        admin.dispatcher().executorService().shutdown();
        admin.connectionPool().evictAll();
      }
    }
  }

  private int phases(List<String> replicaArgs, DataSource db) throws Exception {
    int r = o.replicas();
    long t0 = System.nanoTime();
    for (int i = 1; i <= r; i++) {
      spawn("r" + i, replicaArgs);
    }
    Settled start = settle("start", t0);
    check("after start", start, r);

    long joinAt = System.nanoTime();
    String joiner = "r" + (r + 1);
    spawn(joiner, replicaArgs);
    Settled joined = settle("joined", joinAt);
    long joinerReady = replicas.get(joiner).startedNanos();
    long joinFromStarted =
        joinerReady == 0 ? -1 : joined.millis - (joinerReady - joinAt) / 1_000_000;
    check("after " + joiner + " joined", joined, r + 1);

    String victim = "r2";
    long stalls = watch.samples();
    ReplicaProcess v = replicas.get(victim);
    long killAt = System.nanoTime();
    v.kill();
    killed.add(victim);
    long remaining = watch.remainingMillis(victim);
    out.printf(Locale.ROOT, "t=%5.1fs SIGKILL %s (held %s)%n", secs(t0), victim, joined.counts);
    FleetLeaseWatch.Sample held = awaitAllHeld(killAt);
    long takeoverMillis = held == null ? -1 : (held.nanos() - killAt) / 1_000_000;
    long takeoverUpperMillis = held == null ? -1 : (held.endNanos() - killAt) / 1_000_000;
    out.printf(
        Locale.ROOT,
        "takeover: every stream held by a live replica %d ms after the SIGKILL (the sample's"
            + " answer came at %d ms; %d samples); the victim's leases had %d ms left at the"
            + " kill, so the survivors took them %d ms after they expired%n",
        takeoverMillis,
        takeoverUpperMillis,
        watch.samples() - stalls,
        remaining,
        takeoverMillis - remaining);
    long limit = o.ttlMillis() + o.renewalMillis();
    if (takeoverMillis < 0 || takeoverMillis > limit) {
      missed.add("takeover " + takeoverMillis + " ms > TTL + renewal = " + limit + " ms");
    }
    Settled after = settle("after kill", killAt);
    check("after the SIGKILL of " + victim, after, r);
    long pauseTakeover = -1;
    Settled resumed = new Settled(Map.of(), Map.of(), -1);
    if (o.pauseMillis() > 0) {
      String frozen = "r3";
      long pauseAt = System.nanoTime();
      replicas.get(frozen).signal("STOP");
      paused.add(frozen);
      out.printf(Locale.ROOT, "t=%5.1fs SIGSTOP %s for %d ms%n", secs(t0), frozen, o.pauseMillis());
      held = awaitAllHeld(pauseAt);
      pauseTakeover = held == null ? -1 : (held.nanos() - pauseAt) / 1_000_000;
      out.printf(
          Locale.ROOT, "pause: every stream held by another replica after %d ms%n", pauseTakeover);
      Thread.sleep(Math.max(0, o.pauseMillis() - (System.nanoTime() - pauseAt) / 1_000_000));
      long resumeAt = System.nanoTime();
      replicas.get(frozen).signal("CONT");
      paused.remove(frozen);
      out.printf(Locale.ROOT, "t=%5.1fs SIGCONT %s%n", secs(t0), frozen);
      resumed = settle("after resume", resumeAt);
      check("after " + frozen + " resumed", resumed, r);
    }

    emitter.stop();
    double emitSeconds = emitter.seconds();
    long total = emitter.emitted();
    out.printf(Locale.ROOT, "t=%5.1fs stopped emitting: %d events%n", secs(t0), total);
    long drainStart = System.nanoTime();
    long effects = 0;
    while (System.nanoTime() - drainStart < 120_000_000_000L) {
      effects = FleetEffects.distinct(db);
      if (effects >= total) {
        break;
      }
      Thread.sleep(200);
    }
    out.printf(
        Locale.ROOT,
        "t=%5.1fs %d of %d events have an effect (drain %d ms)%n",
        secs(t0),
        effects,
        total,
        (System.nanoTime() - drainStart) / 1_000_000);
    Thread.sleep(2L * o.idleBackoffMillis() + 500); // late duplicates would show now

    for (ReplicaProcess p : replicas.values()) {
      if (p.isAlive()) {
        p.stop();
      }
    }
    long fenced = 0;
    long lapsed = 0;
    long halted = 0;
    long unclean = 0;
    long retrying = 0;
    for (ReplicaProcess p : replicas.values()) {
      lapsed += p.lapsedFences();
      if (killed.contains(p.id)) {
        fenced += p.status("fenced");
        halted += p.status("halted");
        retrying += p.status("retrying");
        continue;
      }
      int code = p.await(60);
      if (code != 0 || p.fin("handled") < 0) {
        missed.add(p.id + " did not stop cleanly (exit " + code + ")");
      }
      fenced += Math.max(0, p.fin("fenced"));
      halted += Math.max(0, p.fin("halted"));
      retrying += Math.max(0, p.fin("retrying"));
      unclean += Math.max(0, p.fin("unclean"));
    }
    Thread.sleep(200);
    int heldAfterStop = watch.last().holders().size();
    FleetEffects.Verdict verdict = FleetEffects.verify(db, queues, emitter.perStream());
    out.println("effects: " + verdict);
    out.println(
        "lease watch: "
            + watch.samples()
            + " samples, max "
            + watch.maxSampleMillis()
            + " ms each, "
            + watch.holderChanges()
            + " holder changes seen, "
            + watch.violations()
            + " without a new epoch "
            + watch.violationSamples());
    if (verdict.lost() != 0 || verdict.duplicates() != 0 || verdict.outOfOrder() != 0) {
      missed.add("effects: " + verdict);
    }
    if (watch.violations() != 0) {
      missed.add("holder changes without a new epoch: " + watch.violationSamples());
    }
    if (heldAfterStop != 0) {
      missed.add(heldAfterStop + " leases still held after every replica stopped");
    }
    out.println("uptime after: " + ManyStreamsRun.Uptime.read());
    out.printf(
        Locale.ROOT,
        "FLEET streams=%d replicas=%d ttl_ms=%d renewal_ms=%d rate=%d/s handler_ms=%d emitted=%d emit_rate=%.0f/s effects=%d"
            + " settled=%s settle_ms=%d joined=%s join_ms=%d join_ms_from_started=%d takeover_ms=%d"
            + " lease_left_at_kill_ms=%d after_kill=%s"
            + " after_kill_settle_ms=%d pause_ms=%d pause_takeover_ms=%d after_resume=%s"
            + " after_resume_settle_ms=%d lost=%d duplicates=%d out_of_order=%d epoch_violations=%d"
            + " fenced=%d fenced_after_lapse=%d halted=%d retrying=%d unclean_close=%d held_after_stop=%d%n",
        o.streams(),
        r,
        o.ttlMillis(),
        o.renewalMillis(),
        o.rate(),
        o.handlerMillis(),
        total,
        total / emitSeconds,
        verdict.rows(),
        start.slashed(),
        start.millis,
        joined.slashed(),
        joined.millis,
        joinFromStarted,
        takeoverMillis,
        remaining,
        after.slashed(),
        after.millis,
        o.pauseMillis(),
        pauseTakeover,
        resumed.slashed(),
        resumed.millis,
        verdict.lost(),
        verdict.duplicates(),
        verdict.outOfOrder(),
        watch.violations(),
        fenced,
        lapsed,
        halted,
        retrying,
        unclean,
        heldAfterStop);
    missed.forEach(m -> out.println("TARGET MISSED: " + m));
    return missed.isEmpty() ? 0 : 3;
  }

  /** Per-holder counts once stable, and the time it took from {@code since}. */
  private record Settled(Map<String, Integer> counts, Map<String, Long> reported, long millis) {
    String slashed() {
      StringBuilder s = new StringBuilder();
      counts.values().forEach(c -> s.append(s.length() == 0 ? "" : "/").append(c));
      return s.toString();
    }
  }

  /**
   * Waits until every stream is held by a live replica, every live replica holds some, and the
   * per-holder counts have not changed for {@code --settle-ms}; returns them and the time from
   * {@code since} to the start of the stable stretch.
   */
  private Settled settle(String what, long since) throws InterruptedException {
    Map<String, Integer> counts = Map.of();
    long stableSince = System.nanoTime();
    long deadline = System.nanoTime() + 120_000_000_000L;
    long nextPrint = System.nanoTime();
    while (System.nanoTime() < deadline) {
      FleetLeaseWatch.Sample s = watch.last();
      Map<String, Integer> now = s.counts();
      boolean everyone = now.keySet().equals(liveIds()); // a joining replica holds some
      if (!now.equals(counts) || !everyone || !s.allHeldBy(liveIds(), o.streams())) {
        counts = now;
        stableSince = s.nanos();
      } else if (s.nanos() - stableSince >= o.settleMillis() * 1_000_000L) {
        break;
      }
      if (System.nanoTime() >= nextPrint) {
        out.printf(Locale.ROOT, "  %s: leases %s, replicas say %s%n", what, now, reported());
        nextPrint += 1_000_000_000L;
      }
      Thread.sleep(20);
    }
    Settled settled = new Settled(counts, reported(), (stableSince - since) / 1_000_000);
    out.printf(
        Locale.ROOT,
        "%s: settled after %d ms: leases %s, replicas say %s%n",
        what,
        settled.millis,
        counts,
        settled.reported);
    return settled;
  }

  private void check(String what, Settled s, int members) {
    int share = o.streams() / members;
    int tolerance = 10;
    int total = 0;
    for (int c : s.counts.values()) {
      total += c;
      if (Math.abs(c - share) > tolerance) {
        missed.add(what + ": a replica holds " + c + ", not " + share + " ± " + tolerance);
      }
    }
    if (s.counts.size() != members || total != o.streams()) {
      missed.add(what + ": " + s.counts + " is not " + o.streams() + " on " + members);
    }
  }

  /**
   * Waits until a sample taken after {@code since} shows every stream held by a live replica;
   * returns it, or null after a minute.
   */
  private FleetLeaseWatch.Sample awaitAllHeld(long since) throws InterruptedException {
    long deadline = since + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      FleetLeaseWatch.Sample s = watch.last();
      if (s.nanos() > since && s.allHeldBy(liveIds(), o.streams())) {
        return s;
      }
      Thread.sleep(5);
    }
    return null;
  }

  private Map<String, Long> reported() {
    Map<String, Long> held = new LinkedHashMap<>();
    for (ReplicaProcess p : replicas.values()) {
      if (!killed.contains(p.id)) {
        held.put(p.id, p.status("held"));
      }
    }
    return held;
  }

  private Set<String> liveIds() {
    Set<String> live = new TreeSet<>(replicas.keySet());
    live.removeAll(killed);
    live.removeAll(paused);
    return live;
  }

  private void spawn(String id, List<String> args) throws IOException {
    replicas.put(id, ReplicaProcess.start(id, args, o.replicaHeap(), o.logDir(), out));
  }

  private static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
