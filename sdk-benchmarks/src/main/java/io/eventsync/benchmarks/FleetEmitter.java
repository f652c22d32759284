package io.eventsync.benchmarks;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * The events of {@link FleetRun}: rounds of one event per seller ({@code POST
 * /_sandbox/tiki/events}, payload {@code {"n": round}}) at a given rate in all, from {@link
 * #THREADS} threads, each over its own slice of the streams, so each stream's events are numbered
 * 0, 1, 2, ... in the order they are emitted. Counts what the sandbox accepted, per stream.
 */
final class FleetEmitter {
  static final int THREADS = 4;
  private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String TYPE = EventType.ORDER_CREATED_SUCCESSFULLY.value();

  private final SandboxProcess sandbox;
  private final OkHttpClient admin;
  private final List<String[]> streams; // {seller, queue, token}
  private final int rate;
  private final PrintStream out;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicIntegerArray perStream;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean emitting = true;
  private long start;
  private long end;

  FleetEmitter(
      SandboxProcess sandbox,
      OkHttpClient admin,
      List<String[]> streams,
      int rate,
      PrintStream out) {
    this.sandbox = sandbox;
    this.admin = admin;
    this.streams = streams;
    this.rate = rate;
    this.out = out;
    this.perStream = new AtomicIntegerArray(streams.size());
  }

  void start() {
    start = System.nanoTime();
    for (int k = 0; k < THREADS; k++) {
      int slice = k;
      Thread t = new Thread(() -> emit(slice), "emitter-" + k);
      threads.add(t);
      t.start();
    }
  }

  /** Stops emitting and waits for the threads' last requests. Idempotent. */
  void stop() throws InterruptedException {
    if (emitting) {
      emitting = false;
      end = System.nanoTime();
    }
    for (Thread t : threads) {
      t.join(30_000);
    }
  }

  long emitted() {
    return emitted.get();
  }

  /** Events accepted per stream, in the order of the streams. */
  AtomicIntegerArray perStream() {
    return perStream;
  }

  /** From the start to {@link #stop()}. */
  double seconds() {
    return ((end != 0 ? end : System.nanoTime()) - start) / 1e9;
  }

  private void emit(int slice) {
    long roundNanos = 1_000_000_000L * streams.size() / rate;
    try {
      for (int round = 0; emitting; round++) {
        long wait = start + round * roundNanos - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        for (int i = slice; i < streams.size() && emitting; i += THREADS) {
          sandbox.admin(
              admin,
              "tiki/events",
              "{\"type\":\""
                  + TYPE
                  + "\",\"seller_id\":\""
                  + streams.get(i)[0]
                  + "\",\"payload\":{\"n\":"
                  + round
                  + "}}");
          perStream.incrementAndGet(i);
          emitted.incrementAndGet();
        }
      }
    } catch (IOException | InterruptedException e) {
      out.println("emitter " + slice + " stopped: " + e);
    }
  }

  /**
   * Creates a queue per seller (with the app's token), subscribed with the seller's minted token;
   * returns {seller, queue code, seller token} for each.
   */
  static List<String[]> createStreams(
      SandboxProcess sandbox, OkHttpClient admin, int count, PrintStream out) throws IOException {
    long start = System.nanoTime();
    List<String[]> streams = new ArrayList<>();
    try (EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(sandbox.url())
            .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
            .build()) {
      for (int i = 0; i < count; i++) {
        String seller = String.format(Locale.ROOT, "fleet-seller-%05d", i);
        String minted = sandbox.admin(admin, "tiki/sellers", "{\"seller_id\":\"" + seller + "\"}");
        Matcher m = TOKEN.matcher(minted);
        if (!m.find()) {
          throw new IllegalStateException("no access_token in " + minted);
        }
        String queue = client.eventQueue().createQueue("fleet-" + seller).code();
        client
            .withCredentials(Credentials.bearer(m.group(1)))
            .eventQueue()
            .subscribe(queue, EventType.ORDER_CREATED_SUCCESSFULLY);
        streams.add(new String[] {seller, queue, m.group(1)});
      }
    }
    out.printf(
        Locale.ROOT, "setup: %d queues in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    return streams;
  }
}
