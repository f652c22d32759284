package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.OrderItem;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ten-minute-equivalent soak in compressed time: a background queue poller and a background
 * events-log poller (file cursor stores) handle a continuous stream of events and rows, while
 * customer orders are PUT, and the used heap after a full GC stays flat.
 *
 * <p>Time is injected: the client's clock is a mutable clock and its sleeper (used by retries and
 * by the pollers' idle and error backoffs) advances that clock instead of waiting, so each idle
 * poll moves time one {@code idleBackoff} (1 s) forward at once. The run lasts until the clock has
 * advanced at least ten minutes and {@value #CYCLES} emit/poll cycles are done.
 *
 * <p>The sandbox runs in a child JVM: it keeps every log row and order it was given, which would
 * otherwise grow this heap and hide or fake a trend. What remains here is the SDK (client, two
 * pollers with one batch or page each in flight, their checkpoints) and the test's counters.
 *
 * <p>The bound: after warm-up (the first fifth of the run: classes loaded, pools and buffers
 * sized), the mean of the last three samples must be within {@value #BOUND_MIB} MiB of the mean of
 * the first three. Heap used after {@code System.gc()} varies by about 1 MiB between samples; the
 * run hands over {@value #CYCLES} × {@value #PER_CYCLE} events and as many rows, so a leak of as
 * little as 64 bytes per event or row handled (one retained id string or map entry) would exceed
 * the bound.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SoakIT {
  private static final int CYCLES = 500;
  private static final int PER_CYCLE = 100;
  private static final int SAMPLES = 10;
  private static final long BOUND_MIB = 6;
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final Instant LOG_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path dir;

  /** A clock that only moves when told to. */
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.accumulateAndGet(Instant.EPOCH, (current, unused) -> current.plus(duration));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this; // the soak reads instants only; the zone does not matter
    }
  }

  @Test
  void tenMinutesOfCompressedTimeKeepTheHeapFlat() throws Exception {
    Process sandbox =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EventSyncSandbox.class.getName(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    OkHttpClient admin = new OkHttpClient();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
      String banner = out.readLine();
      assertThat(banner).startsWith("eventsync sandbox listening on ");
      String url = banner.substring(banner.lastIndexOf(' ') + 1);
      Thread drain = new Thread(() -> out.lines().forEach(line -> {}), "soak-sandbox-output");
      drain.setDaemon(true);
      drain.start();

      MutableClock clock = new MutableClock(Instant.parse("2026-11-24T00:00:00Z"));
      Instant begin = clock.instant();
      AtomicLong queueHandled = new AtomicLong();
      AtomicLong rowsHandled = new AtomicLong();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      List<Long> samples = new ArrayList<>();
      try (EventSyncClient client =
          EventSyncClient.builder()
              .baseUrl(url)
              .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
              .clock(clock)
              .sleeper(
                  duration -> {
                    clock.advance(duration); // compressed time: waiting is moving the clock
                    Thread.yield();
                  })
              .build()) {
        EventQueueApi queue = client.eventQueue();
        String code = queue.createQueue("soak").code();
        queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
        Poller queuePoller =
            queue
                .poller(code)
                .cursorStore(CursorStore.file(dir))
                .handler(event -> queueHandled.incrementAndGet())
                .build();
        Poller logPoller =
            client
                .eventLog()
                .poller("soak-log")
                .cursorStore(CursorStore.file(dir))
                .handler(row -> rowsHandled.incrementAndGet())
                .build();
        queuePoller.start();
        logPoller.start();
        try {
          long emitted = 0;
          int cycle = 0;
          while (cycle < CYCLES
              || Duration.between(begin, clock.instant()).compareTo(TEN_MINUTES) < 0) {
            post(
                admin,
                url + "/_sandbox/tiki/events",
                "{\"type\":\"PRODUCT_PRICE_UPDATED\",\"count\":" + PER_CYCLE + "}");
            // rows 1 ms apart from an explicit, increasing createdAt: with the default ("now", then
            // +1 ms per row) a cycle's rows could be stamped before the previous cycle's last ones,
            // and no createdAt cursor ever sees a row inserted behind it
            post(
                admin,
                url + "/_sandbox/eventlog/rows",
                "{\"count\":"
                    + PER_CYCLE
                    + ",\"created_at\":\""
                    + LOG_START.plusMillis(emitted)
                    + "\"}");
            client
                .customerOrders()
                .put(
                    "store-soak",
                    CustomerOrder.builder("o-" + cycle % 100, "c", CustomerOrderStatus.CREATED)
                        .item(OrderItem.of("i", 1 + cycle, BigDecimal.TEN))
                        .build(),
                    cycle);
            emitted += PER_CYCLE;
            long target = emitted;
            ResourcesIT.awaitCondition(
                () -> queueHandled.get() >= target && rowsHandled.get() >= target,
                Duration.ofSeconds(30));
            assertThat(queueHandled.get())
                .as("queue events handled by cycle %d", cycle)
                .isEqualTo(target);
            assertThat(rowsHandled.get())
                .as("log rows handled by cycle %d", cycle)
                .isEqualTo(target);
            cycle++;
            if (cycle % (CYCLES / SAMPLES) == 0) {
              samples.add(usedHeapAfterGc(memory));
            }
          }
        } finally {
          queuePoller.close(Duration.ofSeconds(10));
          logPoller.close(Duration.ofSeconds(10));
        }
      }
      Duration virtual = Duration.between(begin, clock.instant());
      List<Long> afterWarmUp = samples.subList(SAMPLES / 5, samples.size());
      double first = mean(afterWarmUp.subList(0, 3));
      double last = mean(afterWarmUp.subList(afterWarmUp.size() - 3, afterWarmUp.size()));
      System.out.printf(
          "soak: %s of injected time, %d events and %d rows, heap after GC (MiB) %s%n",
          virtual,
          queueHandled.get(),
          rowsHandled.get(),
          samples.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList());

      assertThat(virtual).isGreaterThanOrEqualTo(TEN_MINUTES);
      assertThat((last - first) / 1048576.0)
          .as("heap growth after warm-up, MiB (samples %s)", samples)
          .isLessThan(BOUND_MIB);
    } finally {
      sandbox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      admin.dispatcher().executorService().shutdown();
      admin.connectionPool().evictAll();
    }
  }

  private static void post(OkHttpClient http, String url, String json) throws IOException {
    Request request = new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as(url).isEqualTo(200);
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElseThrow();
  }
}
