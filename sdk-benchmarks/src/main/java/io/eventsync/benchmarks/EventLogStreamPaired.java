package io.eventsync.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of {@link EventLogStreamBenchmark} that holds up on a busy machine: the SDK's
 * stream and the hand-written paging loop read the same sandbox in turns, round after round in one
 * JVM (the order swapping every round), so that a change of load hits both alike; prints the median
 * time of each, the ratio of rows/s against the loop, the bytes allocated per row by the reading
 * thread and the peak heap in use. Run it with the heap of the JMH benchmark:
 *
 * <p>{@code java -Xmx64m -cp benchmarks.jar io.eventsync.benchmarks.EventLogStreamPaired [rows]}
 */
public final class EventLogStreamPaired {
  private static final int ROUNDS = 9;
  private static final int WARMUP_ROUNDS = 2;
  private static final String[] VARIANTS = {"eventsyncStream", "handWrittenPagingLoop"};
  private static final Blackhole BLACKHOLE =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  private EventLogStreamPaired() {}

  public static void main(String[] args) throws Exception {
    EventLogStreamBenchmark benchmark = new EventLogStreamBenchmark();
    EventLogStreamBenchmark.LogState state = new EventLogStreamBenchmark.LogState();
    state.rows = args.length == 0 ? 1_000_000 : Integer.parseInt(args[0]);
    state.pageSize = 1000;
    state.startSandbox();
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try {
      int measured = ROUNDS - WARMUP_ROUNDS;
      double[][] millis = new double[VARIANTS.length][measured];
      double[][] bytesPerRow = new double[VARIANTS.length][measured];
      double[][] peakMiB = new double[VARIANTS.length][measured];
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < VARIANTS.length; i++) {
          int variant = (i + round) % VARIANTS.length;
          state.watchHeap();
          long allocated = threads.getCurrentThreadAllocatedBytes();
          if (variant == 0) {
            benchmark.eventsyncStream(state, BLACKHOLE);
          } else {
            benchmark.handWrittenPagingLoop(state, BLACKHOLE);
          }
          allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
          state.report(); // fails unless every row was read exactly once
          if (round >= WARMUP_ROUNDS) {
            millis[variant][round - WARMUP_ROUNDS] = state.nanos / 1e6;
            bytesPerRow[variant][round - WARMUP_ROUNDS] = (double) allocated / state.count;
            peakMiB[variant][round - WARMUP_ROUNDS] = state.heap.peakUsedMiB();
          }
        }
      }
      double loopMillis = Medians.median(millis[1]);
      double loopBytes = Medians.median(bytesPerRow[1]);
      for (int variant = 0; variant < VARIANTS.length; variant++) {
        double median = Medians.median(millis[variant]);
        double bytes = Medians.median(bytesPerRow[variant]);
        System.out.printf(
            Locale.ROOT,
            "PAIRED rows=%d %s median=%.0f ms range=%.0f-%.0f ms vs_loop_rows_per_s=%.2f"
                + " bytes_per_row=%.0f vs_loop_bytes=%.2f peak_heap_used_mib=%.1f%n",
            state.rows,
            VARIANTS[variant],
            median,
            Arrays.stream(millis[variant]).min().orElse(0),
            Arrays.stream(millis[variant]).max().orElse(0),
            loopMillis / median,
            bytes,
            bytes / loopBytes,
            Arrays.stream(peakMiB[variant]).max().orElse(0));
      }
    } finally {
      state.stopSandbox();
    }
  }
}
