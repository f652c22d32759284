package io.eventsync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.DrainResult;
import io.eventsync.queue.Queue;
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
}
