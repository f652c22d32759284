package io.eventsync.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
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
 * Reading the whole Puro events log, {@link LogState#rows} rows, in a benchmark JVM with a 64 MiB
 * heap: the SDK's {@code eventLog().stream(...)} against the hand-written paging loop of the API's
 * documentation ({@code createdAt gte} the last row's {@code createdAt}, dropping the one row that
 * overlaps). The sandbox runs in a child JVM of its own ({@link SandboxProcess}) so that the heap
 * measured is the client's alone. The rows have distinct timestamps (1 ms apart): the hand-written
 * loop loses or repeats rows when several share a {@code createdAt}, so it is only comparable on
 * such data. Each iteration prints a {@code LOG} line with rows/s and the heap figures.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx64m")
public class EventLogStreamBenchmark {
  static final String FIRST_CREATED_AT = "2026-01-01T00:00:00Z";

  /** The child sandbox with the rows, the clients, and the heap watcher of one iteration. */
  @State(Scope.Benchmark)
  public static class LogState {
    /** Rows in the log, 1 ms apart. */
    @Param({"1000000"})
    public int rows;

    /** Rows per page, for both readers. */
    @Param({"1000"})
    public int pageSize;

    SandboxProcess sandbox;
    OkHttpClient http;
    EventSyncClient client;
    JsonAdapter<List<RawRow>> pageAdapter;
    HttpUrl eventsUrl;
    HeapWatcher heap;
    long count;
    long nanos;
    String label;

    @Setup(Level.Trial)
    public void startSandbox() throws IOException, InterruptedException {
      sandbox = SandboxProcess.start("1g");
      http = new OkHttpClient();
      sandbox.admin(
          http,
          "eventlog/rows",
          "{\"count\":" + rows + ",\"created_at\":\"" + FIRST_CREATED_AT + "\"}");
      client =
          EventSyncClient.builder()
              .baseUrl(sandbox.url())
              .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
              .build();
      pageAdapter =
          new Moshi.Builder().build().adapter(Types.newParameterizedType(List.class, RawRow.class));
      eventsUrl = HttpUrl.get(sandbox.url() + "/saleschannel-services/v1/events");
    }

    @Setup(Level.Iteration)
    public void watchHeap() {
      count = 0;
      System.gc();
      heap = HeapWatcher.start();
    }

    @TearDown(Level.Iteration)
    public void report() {
      heap.close();
      double seconds = nanos / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%nLOG %s rows=%d page=%d read=%d seconds=%.3f rows_per_s=%.0f max_heap_mib=%.0f"
              + " peak_heap_used_mib=%.1f peak_after_gc_mib=%.1f gcs=%d%n",
          label,
          rows,
          pageSize,
          count,
          seconds,
          count / seconds,
          HeapWatcher.maxHeapMiB(),
          heap.peakUsedMiB(),
          heap.peakAfterGcMiB(),
          heap.collections());
      if (count != rows) {
        throw new IllegalStateException(label + " read " + count + " of " + rows + " rows");
      }
    }

    @TearDown(Level.Trial)
    public void stopSandbox() throws IOException {
      client.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      sandbox.close();
    }
  }

  /** The SDK: a lazy stream over every row, tie-safe paging. */
  @Benchmark
  public long eventsyncStream(LogState s, Blackhole bh) {
    s.label = "eventsyncStream";
    long start = System.nanoTime();
    long count = 0;
    try (Stream<LogEvent> rows =
        s.client.eventLog().stream(EventLogQuery.all().limit(s.pageSize))) {
      for (LogEvent row : (Iterable<LogEvent>) rows::iterator) {
        bh.consume(row);
        count++;
      }
    }
    s.nanos = System.nanoTime() - start;
    s.count = count;
    return count;
  }

  /**
   * The baseline: the documented loop, {@code $filter[createdAt][gte]} the last row's {@code
   * createdAt}, skipping the one row of the previous page it returns again. Correct only when no
   * two rows share a {@code createdAt}.
   */
  @Benchmark
  public long handWrittenPagingLoop(LogState s, Blackhole bh) throws IOException {
    s.label = "handWrittenPagingLoop";
    long start = System.nanoTime();
    long count = 0;
    String lastCreatedAt = null;
    String lastId = null;
    while (true) {
      HttpUrl.Builder url =
          s.eventsUrl
              .newBuilder()
              .addQueryParameter("$limit", Integer.toString(s.pageSize))
              .addQueryParameter("$orderBy[createdAt]", "asc");
      if (lastCreatedAt != null) {
        url.addQueryParameter("$filter[createdAt][gte]", lastCreatedAt);
      }
      Request request =
          new Request.Builder()
              .url(url.build())
              .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
              .build();
      List<RawRow> page;
      try (Response response = s.http.newCall(request).execute()) {
        if (!response.isSuccessful()) {
          throw new IOException("page failed: HTTP " + response.code());
        }
        page = s.pageAdapter.fromJson(response.body().source());
      }
      if (page == null) {
        throw new IOException("page is null");
      }
      for (RawRow row : page) {
        if (row.id().equals(lastId)) {
          continue; // the last row of the previous page, returned again by gte
        }
        bh.consume(row);
        count++;
      }
      if (page.size() < s.pageSize) {
        break;
      }
      RawRow last = page.get(page.size() - 1);
      lastCreatedAt = last.createdAt();
      lastId = last.id();
    }
    s.nanos = System.nanoTime() - start;
    s.count = count;
    return count;
  }

  /** One row as a hand-written loop would model it. */
  public record RawRow(
      String id, String eventType, String createdAt, String eventAt, Map<String, Object> details) {}
}
