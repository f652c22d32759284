package io.eventsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link VerifierBenchmark} that holds up on a busy machine: the three variants
 * run interleaved in one JVM, round after round, and each round is timed in this thread's CPU time
 * rather than wall time, so that other processes competing for the cores do not count. Prints the
 * median CPU nanoseconds per verification of each variant and the ratios.
 *
 * <p>{@code java -cp benchmarks.jar io.eventsync.benchmarks.VerifierCpuTime [bodyBytes...]}
 */
public final class VerifierCpuTime {
  private static final int ROUNDS = 15;
  private static final int WARMUP_ROUNDS = 5;
  private static volatile Object sink;

  private VerifierCpuTime() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {1024, 65536}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int size : sizes) {
      run(size);
    }
  }

  private static void run(int size) throws Exception {
    VerifierBenchmark benchmark = new VerifierBenchmark();
    VerifierBenchmark.Delivery delivery = new VerifierBenchmark.Delivery();
    delivery.bodyBytes = size;
    delivery.setUp();
    VerifierBenchmark.ReusedMac mac = new VerifierBenchmark.ReusedMac();
    mac.setUp();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int ops = Math.max(2_000, 2_000_000 / Math.max(1, size / 512));
    double[][] nanos = new double[3][ROUNDS - WARMUP_ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (int variant = 0; variant < 3; variant++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
          switch (variant) {
            case 0:
              sink = benchmark.eventsyncVerifier(delivery);
              break;
            case 1:
              sink = benchmark.rawReusedMac(delivery, mac);
              break;
            default:
              sink = benchmark.naivePerCallMac(delivery);
              break;
          }
        }
        if (round >= WARMUP_ROUNDS) {
          nanos[variant][round - WARMUP_ROUNDS] =
              (threads.getCurrentThreadCpuTime() - start) / (double) ops;
        }
      }
    }
    double sdk = median(nanos[0]);
    double raw = median(nanos[1]);
    double naive = median(nanos[2]);
    System.out.printf(
        Locale.ROOT,
        "CPU bodyBytes=%d eventsyncVerifier=%.0f ns rawReusedMac=%.0f ns naivePerCallMac=%.0f ns"
            + " sdk_vs_raw_throughput=%.2f sdk_vs_naive_speedup=%.2f%n",
        size,
        sdk,
        raw,
        naive,
        raw / sdk,
        naive / sdk);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
