package io.eventsync.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.poll.DrainResult;
import io.eventsync.queue.Queue;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark method once, outside JMH, through its states' setup and teardown, with small
 * sizes: what CI runs so that the benchmarks keep compiling, working and measuring real work.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchmarksSmokeTest {
  private static final Blackhole BLACKHOLE =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  @Test
  void everyVerifierVariantAcceptsTheSignedBody() throws Exception {
    VerifierBenchmark benchmark = new VerifierBenchmark();
    for (int size : new int[] {1024, 65536}) {
      VerifierBenchmark.Delivery delivery = new VerifierBenchmark.Delivery();
      delivery.bodyBytes = size;
      delivery.setUp();
      VerifierBenchmark.ReusedMac mac = new VerifierBenchmark.ReusedMac();
      mac.setUp();

      assertThat(delivery.body).hasSize(size);
      assertThat(benchmark.eventsyncVerifier(delivery)).isEqualTo("default");
      assertThat(benchmark.rawReusedMac(delivery, mac)).isTrue();
      assertThat(benchmark.naivePerCallMac(delivery)).isTrue();
    }
  }

  @Test
  void pollerAndPullLoopEachDrainTheWholeBacklog() throws Exception {
    QueueDrainBenchmark benchmark = new QueueDrainBenchmark();
    QueueDrainBenchmark.DrainState state = new QueueDrainBenchmark.DrainState();
    state.batchSize = 50;
    state.events = 1_000;
    state.startSandbox();
    try {
      state.emitBacklog();
      DrainResult result = benchmark.eventsyncPoller(state, BLACKHOLE);
      assertThat(result.handled()).isEqualTo(1_000);
      assertThat(state.sinceDrainStart.count()).isEqualTo(1_000);
      state.report(); // throws unless every event was handled and acknowledged

      state.emitBacklog();
      assertThat(benchmark.eventsyncPollerInMemoryStore(state, BLACKHOLE).handled())
          .isEqualTo(1_000);
      state.report();

      state.emitBacklog();
      assertThat(benchmark.handWrittenPullLoop(state, BLACKHOLE)).isEqualTo(1_000);
      assertThat(state.sinceDrainStart.count()).isEqualTo(1_000);
      assertThat(state.sinceDrainStart.percentileMillis(99)).isPositive();
      state.report();
    } finally {
      state.stopSandbox();
    }
  }

  @Test
  void streamAndPagingLoopEachReadEveryRow() throws Exception {
    EventLogStreamBenchmark benchmark = new EventLogStreamBenchmark();
    EventLogStreamBenchmark.LogState state = new EventLogStreamBenchmark.LogState();
    state.rows = 5_500;
    state.pageSize = 1_000;
    state.startSandbox(); // a child JVM, as in the benchmark
    try {
      state.watchHeap();
      assertThat(benchmark.eventsyncStream(state, BLACKHOLE)).isEqualTo(5_500);
      state.report(); // throws unless every row was read

      state.watchHeap();
      assertThat(benchmark.handWrittenPagingLoop(state, BLACKHOLE)).isEqualTo(5_500);
      state.report();
    } finally {
      state.stopSandbox();
    }
  }

  @Test
  void typedAndRawCallsDecodeTheSameQueues() throws Exception {
    CallOverheadBenchmark benchmark = new CallOverheadBenchmark();
    for (String server : List.of("sandbox", "fixed")) {
      CallOverheadBenchmark.Server state = new CallOverheadBenchmark.Server();
      state.server = server;
      state.start();
      try {
        List<Queue> typed = benchmark.eventsyncListQueues(state);
        List<CallOverheadBenchmark.RawQueue> raw = benchmark.rawOkHttpMoshi(state);

        assertThat(typed)
            .extracting(Queue::name)
            .containsExactly("orders", "products", "inventory");
        assertThat(raw)
            .extracting(CallOverheadBenchmark.RawQueue::code)
            .containsExactlyElementsOf(typed.stream().map(Queue::code).toList());
      } finally {
        state.stop();
      }
    }
  }

  @Test
  void manyStreamsRunHandlesEveryEventOnceAndInOrderOnTheGroupsThreads() throws Exception {
    ManyStreamsOptions options =
        ManyStreamsOptions.parse(
            new String[] {
              "--streams", "20", "--events", "5", "--threads", "4",
              "--idle-backoff-ms", "100", "--emit-seconds", "0.5", "--sandbox-heap", "256m"
            });
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, UTF_8);

    ManyStreamsResult result = ManyStreamsRun.run(options, quiet); // throws unless once, in order

    assertThat(result.handled).isEqualTo(100);
    assertThat(result.anomalies).isZero();
    assertThat(result.threadsAtPeak).contains("eventsync-group-many-#=4");
    assertThat(result.peakLive).isPositive();
    assertThat(result.p99).isBetween(0, 60_000);
    assertThat(result.pulls).isGreaterThanOrEqualTo(20);
    assertThat(result.summary())
        .startsWith("MANY streams=20 events_per_stream=5 threads=4 mode=paced store=memory");
  }

  @Test
  void manyStreamsOptionsRefuseWhatTheyCannotUse() {
    assertThat(ManyStreamsOptions.parse(new String[0])).isEqualTo(ManyStreamsOptions.defaults());
    assertThat(ManyStreamsOptions.parse(new String[] {"--store", "file"}).fileStore()).isTrue();
    assertThat(ManyStreamsOptions.parse(new String[] {"--mode", "backlog"}).backlog()).isTrue();
    assertThatThrownBy(() -> ManyStreamsOptions.parse(new String[] {"--mode", "burst"}))
        .hasMessage("--mode must be paced or backlog: burst");
    assertThatThrownBy(() -> ManyStreamsOptions.parse(new String[] {"--streams"}))
        .hasMessage("--streams needs a value");
    assertThatThrownBy(() -> ManyStreamsOptions.parse(new String[] {"--threads", "0"}))
        .hasMessage("--threads must be a whole number of at least 1: 0");
    assertThatThrownBy(() -> ManyStreamsOptions.parse(new String[] {"--store", "s3"}))
        .hasMessage("--store must be memory or file: s3");
    assertThatThrownBy(() -> ManyStreamsOptions.parse(new String[] {"--verbose", "1"}))
        .hasMessage("unknown option: --verbose");
  }
}
