package io.eventsync.benchmarks;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.eventsync.EventSyncClient;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DrainResult;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Draining a backlog of Tiki queue events from the sandbox: the SDK's poller with the file cursor
 * store (a durable checkpoint committed after every batch) against a hand-written OkHttp + Moshi
 * pull loop that persists nothing. Each iteration emits {@link DrainState#events} events in its
 * setup (not timed), then one drain is timed. Besides the time, each drain prints a {@code DRAIN}
 * line with events/s and handler lags (see {@link DrainState}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class QueueDrainBenchmark {
  static final String EVENT_TYPE = EventType.ORDER_CREATED_SUCCESSFULLY.value();
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * One sandbox and queue per trial; a backlog emitted per iteration.
   *
   * <p>Two lags are recorded per event, both as the handler is called: {@code sinceDrainStart} is
   * the time from the start of the timed drain to the handler call (every event of the backlog
   * exists before the drain starts, so this is how long an event of a backlog waits for the
   * consumer: it grows with the event's position, and its p99 is close to the whole drain); {@code
   * sinceCreatedAt} is the wall clock minus the event's {@code created_at} (the definition of the
   * poller's {@code PollerListener.eventHandled} lag), which also counts the untimed setup between
   * emitting and draining.
   */
  @State(Scope.Benchmark)
  public static class DrainState {
    /** Events per pull, as the sandbox serves them. */
    @Param({"50", "500"})
    public int batchSize;

    /** Events emitted before each drain. */
    @Param({"100000"})
    public int events;

    EventSyncSandbox sandbox;
    EventSyncClient client;
    String queueCode;
    OkHttpClient http;
    JsonAdapter<RawBatch> batchAdapter;
    HttpUrl pullUrl;
    Path cursorDir;
    Lags sinceDrainStart;
    Lags sinceCreatedAt;
    long drainNanos;
    long handled;
    String label;

    @Setup(Level.Trial)
    public void startSandbox() {
      sandbox = EventSyncSandbox.start(SandboxOptions.builder().batchSize(batchSize).build());
      client = sandbox.clientBuilder().build();
      queueCode = client.eventQueue().createQueue("benchmark").code();
      client.eventQueue().subscribe(queueCode, EventType.ORDER_CREATED_SUCCESSFULLY);
      http = new OkHttpClient();
      batchAdapter = new Moshi.Builder().build().adapter(RawBatch.class);
      pullUrl = HttpUrl.get(sandbox.url() + "/integration/v1/queues/" + queueCode + "/events/pull");
      sinceDrainStart = new Lags(events);
      sinceCreatedAt = new Lags(events);
    }

    @Setup(Level.Iteration)
    public void emitBacklog() throws IOException {
      for (int left = events; left > 0; left -= 10_000) {
        sandbox.emitTikiEvents(EVENT_TYPE, Math.min(left, 10_000));
      }
      cursorDir = Files.createTempDirectory("eventsync-bench-cursor");
      sinceDrainStart.clear();
      sinceCreatedAt.clear();
      handled = 0;
      System.gc(); // the emitting garbage is not charged to the drain
    }

    /** Called by both handlers for every event. */
    void handled(long startNanos, long createdAtMillis) {
      sinceDrainStart.record(System.nanoTime() - startNanos);
      sinceCreatedAt.record((System.currentTimeMillis() - createdAtMillis) * 1_000_000L);
    }

    @TearDown(Level.Iteration)
    public void report() throws IOException {
      int left = sandbox.unacknowledgedEvents(queueCode);
      double seconds = drainNanos / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%nDRAIN %s batch=%d events=%d handled=%d unacked_after=%d seconds=%.3f events_per_s=%.0f"
              + " lag_since_drain_start_ms p50=%.1f p99=%.1f lag_since_created_at_ms p50=%.1f"
              + " p99=%.1f%n",
          label,
          batchSize,
          events,
          handled,
          left,
          seconds,
          handled / seconds,
          sinceDrainStart.percentileMillis(50),
          sinceDrainStart.percentileMillis(99),
          sinceCreatedAt.percentileMillis(50),
          sinceCreatedAt.percentileMillis(99));
      if (handled != events || left != 0) {
        throw new IllegalStateException(
            label + " handled " + handled + " of " + events + " events; " + left + " unacked");
      }
      deleteTree(cursorDir);
    }

    @TearDown(Level.Trial)
    public void stopSandbox() {
      client.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      sandbox.close();
    }
  }

  /** The SDK: a poller with a file cursor store, draining until caught up. */
  @Benchmark
  public DrainResult eventsyncPoller(DrainState s, Blackhole bh) {
    s.label = "eventsyncPoller";
    long start = System.nanoTime();
    DrainResult result;
    try (Poller poller =
        s.client
            .eventQueue()
            .poller(s.queueCode)
            .cursorStore(CursorStore.file(s.cursorDir))
            .handler(
                event -> {
                  s.handled(start, event.createdAt().toEpochMilli());
                  bh.consume(event);
                })
            .build()) {
      result = poller.drain();
    }
    s.drainNanos = System.nanoTime() - start;
    s.handled = result.handled();
    return result;
  }

  /**
   * A control, not a target: the same poller with {@code CursorStore.inMemory()}, which separates
   * the cost of the durable file commits from the cost of the poller itself.
   */
  @Benchmark
  public DrainResult eventsyncPollerInMemoryStore(DrainState s, Blackhole bh) {
    s.label = "eventsyncPollerInMemoryStore";
    long start = System.nanoTime();
    DrainResult result;
    try (Poller poller =
        s.client
            .eventQueue()
            .poller(s.queueCode)
            .cursorStore(CursorStore.inMemory())
            .handler(
                event -> {
                  s.handled(start, event.createdAt().toEpochMilli());
                  bh.consume(event);
                })
            .build()) {
      result = poller.drain();
    }
    s.drainNanos = System.nanoTime() - start;
    s.handled = result.handled();
    return result;
  }

  /**
   * The baseline: pull, hand every event over, pull again with the batch's ack id (which
   * acknowledges it) until a pull returns nothing. No checkpoint is written anywhere: a crash
   * redelivers the unacknowledged batch, and nothing skips the events already handled.
   */
  @Benchmark
  public long handWrittenPullLoop(DrainState s, Blackhole bh) throws IOException {
    s.label = "handWrittenPullLoop";
    long start = System.nanoTime();
    long handled = 0;
    String ackId = null;
    while (true) {
      String body = ackId == null ? "{}" : "{\"ack_id\":\"" + ackId + "\"}";
      Request request =
          new Request.Builder()
              .url(s.pullUrl)
              .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
              .post(RequestBody.create(body, JSON))
              .build();
      RawBatch batch;
      try (Response response = s.http.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw new IOException("pull failed: HTTP " + response.code());
        }
        batch = s.batchAdapter.fromJson(response.body().source());
      }
      if (batch == null || batch.events() == null || batch.events().isEmpty()) {
        break; // this pull carried the last ack id: everything is acknowledged
      }
      for (RawEvent event : batch.events()) {
        s.handled(start, event.createdAt());
        bh.consume(event);
      }
      handled += batch.events().size();
      ackId = batch.ackId();
    }
    s.drainNanos = System.nanoTime() - start;
    s.handled = handled;
    return handled;
  }

  /** The pull answer as a hand-written loop would model it. */
  public record RawBatch(List<RawEvent> events, @Json(name = "ack_id") String ackId) {}

  /** One event as a hand-written loop would model it: the payload decoded to a map. */
  public record RawEvent(
      String id,
      String sid,
      @Json(name = "created_at") long createdAt,
      String type,
      String version,
      Map<String, Object> payload) {}

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
