package io.eventsync.benchmarks;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.poll.CloseReport;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerGroup;
import io.eventsync.poll.PollerState;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * Issue 16's scale run: many Tiki sellers' queues in one JVM, each polled by a poller of one {@link
 * PollerGroup}, while events are emitted to them. The sandbox runs in a child JVM ({@link
 * SandboxProcess}) so that its threads and heap are not counted. Each seller gets a queue (created
 * with the app's token) that it subscribes to with its own minted token; each stream's poller uses
 * {@code client.withCredentials(Credentials.bearer(sellerToken))}. Events are emitted in rounds of
 * one per seller, paced over {@code --emit-seconds}; each carries its number in the seller's stream
 * ({@code {"n": k}}), so the handler checks that every event comes once and in order.
 *
 * <p>Reports throughput over the run (first emit to last event handled), this JVM's live threads
 * sampled every 100 ms (and the MXBean's peak), the heap (sampled peak, and in use after a GC once
 * every event was handled, the pollers still running), and the delay from each event's {@code
 * created_at} (the sandbox's clock, same machine) to its handling. Exits 1 if an event is lost,
 * repeated or out of order, 3 if a target of issue 16 is missed (at most 64 live threads; p99 delay
 * under the idle backoff + 1 s).
 *
 * <p>{@code java -cp benchmarks.jar io.eventsync.benchmarks.ManyStreamsRun [--streams 1000]
 * [--events 100] [--threads 16] [--idle-backoff-ms 1000] [--emit-seconds 40] [--mode paced|backlog]
 * [--store memory|file] [--sandbox-heap 1g] [--drain-timeout-seconds 120]}; see {@link
 * ManyStreamsOptions} for the modes.
 */
public final class ManyStreamsRun {
  static final int MAX_LIVE_THREADS = 64;
  private static final String TYPE = EventType.ORDER_CREATED_SUCCESSFULLY.value();
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SEQ = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");

  private ManyStreamsRun() {}

  public static void main(String[] args) throws Exception {
    ManyStreamsOptions options;
    try {
      options = ManyStreamsOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(ManyStreamsOptions.USAGE);
      System.exit(2);
      return;
    }
    ManyStreamsResult result = run(options, System.out);
    System.out.println("THREADS at the sampled peak: " + result.threadsAtPeak);
    System.out.println("SANDBOX stats: " + result.stats);
    System.out.println(result.summary());
    List<String> missed = result.missedTargets();
    missed.forEach(m -> System.out.println("TARGET MISSED: " + m));
    System.out.flush();
    System.exit(missed.isEmpty() ? 0 : 3);
  }

  /** One seller's stream; its handler runs one event at a time, so its fields need no lock. */
  private static final class Stream {
    final int index;
    final String seller;
    String token = "";
    String queue = "";
    Poller poller;
    int next; // the number of the next event expected
    int anomalies;

    Stream(int index) {
      this.index = index;
      this.seller = String.format(Locale.ROOT, "bench-seller-%05d", index);
    }
  }

  /**
   * Runs once and returns what it measured.
   *
   * @throws IllegalStateException if an event is lost, handled twice or out of order, or a poller
   *     halts
   */
  static ManyStreamsResult run(ManyStreamsOptions o, PrintStream log) throws Exception {
    OkHttpClient admin = new OkHttpClient();
    Path cursorDir = o.fileStore() ? Files.createTempDirectory("eventsync-many-cursors") : null;
    try (SandboxProcess sandbox =
        SandboxProcess.start(o.sandboxHeap(), List.of("--max-queues", "" + o.streams()))) {
      log.printf(Locale.ROOT, "sandbox child pid=%d url=%s%n", sandbox.pid(), sandbox.url());
      return run(o, log, sandbox, admin, cursorDir);
    } finally {
      admin.dispatcher().executorService().shutdown();
      admin.connectionPool().evictAll();
      if (cursorDir != null) {
        QueueDrainBenchmark.deleteTree(cursorDir);
      }
    }
  }

  private static ManyStreamsResult run(
      ManyStreamsOptions o,
      PrintStream log,
      SandboxProcess sandbox,
      OkHttpClient admin,
      Path cursorDir)
      throws Exception {
    int total = o.streams() * o.events();
    int[] delayMillis = new int[total];
    AtomicLong handled = new AtomicLong();
    AtomicLong anomalies = new AtomicLong();
    AtomicLong doneNanos = new AtomicLong();
    List<Stream> streams = new ArrayList<>();
    ManyStreamsResult r = new ManyStreamsResult(o);
    r.uptimeBefore = Uptime.read();

    HeapWatcher heap = HeapWatcher.start();
    ThreadWatch watch = ThreadWatch.start(100);
    try (EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(sandbox.url())
            .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
            .build()) {
      long setupStart = System.nanoTime();
      for (int i = 0; i < o.streams(); i++) {
        Stream s = new Stream(i);
        String minted =
            sandbox.admin(admin, "tiki/sellers", "{\"seller_id\":\"" + s.seller + "\"}");
        Matcher m = TOKEN.matcher(minted);
        if (!m.find()) {
          throw new IllegalStateException("no access_token in " + minted);
        }
        s.token = m.group(1);
        s.queue = client.eventQueue().createQueue("many-" + s.seller).code();
        client
            .withCredentials(Credentials.bearer(s.token))
            .eventQueue()
            .subscribe(s.queue, EventType.ORDER_CREATED_SUCCESSFULLY);
        streams.add(s);
      }
      r.setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      log.printf(Locale.ROOT, "setup: %d queues in %.1f s%n", o.streams(), r.setupSeconds);

      long start = System.nanoTime();
      long pullsAtStart = 0;
      if (o.backlog()) { // every event waits in its queue before the first poller starts
        emit(o, sandbox, admin, streams, handled, watch, log, start);
        r.emitSeconds = (System.nanoTime() - start) / 1e9;
        System.gc(); // the emitting garbage is not charged to the drain
        pullsAtStart = countPulls(sandbox.adminGet(admin, "stats"));
        start = System.nanoTime();
      }
      CursorStore store = cursorDir != null ? CursorStore.file(cursorDir) : CursorStore.inMemory();
      PollerGroup group = PollerGroup.builder().name("many").threads(o.threads()).build();
      Map<String, CloseReport> reports;
      try {
        for (Stream s : streams) {
          s.poller =
              group.add(
                  client
                      .withCredentials(Credentials.bearer(s.token))
                      .eventQueue()
                      .poller(s.queue)
                      .cursorStore(store)
                      .idleBackoff(o.idleBackoff())
                      .handler(
                          (QueueEvent event) -> {
                            long now = System.currentTimeMillis();
                            int seq = seqOf(event);
                            if (seq != s.next) {
                              s.anomalies++;
                              if (anomalies.incrementAndGet() <= 20) {
                                log.printf(
                                    "ANOMALY stream=%s expected n=%d got n=%d (%s)%n",
                                    s.seller,
                                    s.next,
                                    seq,
                                    seq < s.next ? "again" : "skipped ahead");
                              }
                              return;
                            }
                            delayMillis[s.index * o.events() + seq] =
                                (int) (now - event.createdAt().toEpochMilli());
                            s.next++;
                            if (handled.incrementAndGet() == total) {
                              doneNanos.set(System.nanoTime());
                            }
                          }));
        }
        log.printf(
            Locale.ROOT,
            "group: %d pollers on %d threads; live threads now %d%n",
            group.streams().size(),
            o.threads(),
            watch.lastLive());

        if (!o.backlog()) {
          pullsAtStart = countPulls(sandbox.adminGet(admin, "stats"));
          start = System.nanoTime();
          emit(o, sandbox, admin, streams, handled, watch, log, start);
          r.emitSeconds = (System.nanoTime() - start) / 1e9;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainTimeoutSeconds());
        long nextPrint = System.nanoTime();
        while (handled.get() < total && anomalies.get() == 0 && System.nanoTime() < deadline) {
          if (System.nanoTime() >= nextPrint) {
            progress(log, "draining", start, total, handled.get(), watch);
            nextPrint += TimeUnit.SECONDS.toNanos(5);
          }
          Thread.sleep(20);
        }
        r.runSeconds = ((doneNanos.get() != 0 ? doneNanos.get() : System.nanoTime()) - start) / 1e9;
        r.pulls = countPulls(sandbox.adminGet(admin, "stats")) - pullsAtStart;
        // Late duplicates would show up within a few polls of every stream.
        Thread.sleep(2 * o.idleBackoff().toMillis() + 500);
        for (Stream s : streams) {
          if (s.poller.state() == PollerState.HALTED) {
            throw new IllegalStateException(
                "the poller of " + s.seller + " halted: " + s.poller.failure());
          }
        }
        System.gc();
        r.heapAfterGcMiB =
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
        r.liveThreadsIdle = watch.lastLive();
      } finally {
        reports = group.close(Duration.ofSeconds(30));
      }
      r.closeUnclean = (int) reports.values().stream().filter(c -> !c.clean()).count();
      r.stats = sandbox.adminGet(admin, "stats");
      watch.close();
      heap.close();
      r.peakLive = watch.peakLive();
      r.mxPeak = watch.mxPeak();
      r.peakOs = watch.peakOs();
      r.threadsAtPeak = watch.atPeak();
      r.peakHeapSampledMiB = Math.max(watch.peakHeapUsedMiB(), heap.peakUsedMiB());
      r.gcs = heap.collections();
    } finally {
      watch.close();
      heap.close();
    }
    r.uptimeAfter = Uptime.read();

    r.handled = handled.get();
    r.total = total;
    r.anomalies = anomalies.get();
    long missing = 0;
    for (Stream s : streams) {
      missing += o.events() - s.next;
    }
    r.missing = missing;
    int[] sorted = Arrays.copyOf(delayMillis, (int) Math.min(total, handled.get()));
    if (handled.get() == total) {
      Arrays.sort(sorted);
      r.p50 = percentile(sorted, 50);
      r.p99 = percentile(sorted, 99);
      r.max = sorted[sorted.length - 1];
      long over = Arrays.stream(sorted).filter(d -> d >= o.idleBackoff().toMillis() + 1000).count();
      r.overTarget = over;
    }
    if (r.anomalies != 0 || r.missing != 0 || r.handled != total) {
      throw new IllegalStateException(
          "not every event was handled once and in order: handled "
              + r.handled
              + " of "
              + total
              + ", "
              + r.missing
              + " missing, "
              + r.anomalies
              + " repeated or out of order; "
              + r.summary());
    }
    return r;
  }

  private static void emit(
      ManyStreamsOptions o,
      SandboxProcess sandbox,
      OkHttpClient admin,
      List<Stream> streams,
      AtomicLong handled,
      ThreadWatch watch,
      PrintStream log,
      long start)
      throws IOException, InterruptedException {
    long roundNanos = o.backlog() ? 0 : o.emitTime().toNanos() / o.events();
    long nextPrint = start;
    int total = o.streams() * o.events();
    for (int round = 0; round < o.events(); round++) {
      long due = start + round * roundNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      for (Stream s : streams) {
        sandbox.admin(
            admin,
            "tiki/events",
            "{\"type\":\""
                + TYPE
                + "\",\"seller_id\":\""
                + s.seller
                + "\",\"payload\":{\"n\":"
                + round
                + "}}");
      }
      if (System.nanoTime() >= nextPrint) {
        progress(log, "emitting round " + (round + 1), start, total, handled.get(), watch);
        nextPrint += TimeUnit.SECONDS.toNanos(5);
      }
    }
  }

  private static void progress(
      PrintStream log, String what, long start, int total, long handled, ThreadWatch watch) {
    log.printf(
        Locale.ROOT,
        "t=%5.1fs %s handled=%d/%d live_threads=%d os_threads=%d%n",
        (System.nanoTime() - start) / 1e9,
        what,
        handled,
        total,
        watch.lastLive(),
        ThreadWatch.osThreads());
  }

  private static int seqOf(QueueEvent event) {
    String json = event.payloadJson();
    Matcher m = SEQ.matcher(json == null ? "" : json);
    if (!m.find()) {
      throw new IllegalStateException("event " + event.id() + " has no \"n\": " + json);
    }
    return Integer.parseInt(m.group(1));
  }

  private static long countPulls(String stats) {
    Matcher m = Pattern.compile("\"([^\"]*events/pull[^\"]*)\"\\s*:\\s*(\\d+)").matcher(stats);
    long pulls = 0;
    while (m.find()) {
      pulls += Long.parseLong(m.group(2));
    }
    return pulls;
  }

  private static int percentile(int[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The machine's load, as {@code uptime} prints it (other engineers share the cores). */
  static final class Uptime {
    static String read() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).trim();
      } catch (IOException e) {
        return "n/a";
      }
    }
  }
}
