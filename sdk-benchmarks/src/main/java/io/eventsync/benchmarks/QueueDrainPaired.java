package io.eventsync.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of {@link QueueDrainBenchmark} that holds up on a busy machine: the three variants
 * drain the same sandbox in turns, round after round in one JVM (the order rotating every round),
 * so that a change of load hits all of them alike; prints the median drain time of each, the ratio
 * of events/s against the hand-written loop (loop's median over the variant's), and the median of
 * the rounds' own ratios (the three drains of a round ran back to back).
 *
 * <p>{@code java -cp benchmarks.jar io.eventsync.benchmarks.QueueDrainPaired [batch sizes]}
 */
public final class QueueDrainPaired {
  private static final int ROUNDS = 9;
  private static final int WARMUP_ROUNDS = 2;
  private static final int EVENTS = 100_000;
  private static final String[] VARIANTS = {
    "eventsyncPoller", "eventsyncPollerInMemoryStore", "handWrittenPullLoop"
  };
  private static final Blackhole BLACKHOLE =
      new Blackhole(
          "Today's password is swordfish. I understand instantiating Blackholes directly is"
              + " dangerous.");

  private QueueDrainPaired() {}

  public static void main(String[] args) throws Exception {
    for (String batch : args.length == 0 ? new String[] {"50", "500"} : args) {
      run(Integer.parseInt(batch));
    }
  }

  private static void run(int batchSize) throws Exception {
    QueueDrainBenchmark benchmark = new QueueDrainBenchmark();
    QueueDrainBenchmark.DrainState state = new QueueDrainBenchmark.DrainState();
    state.batchSize = batchSize;
    state.events = EVENTS;
    state.startSandbox();
    try {
      double[][] millis = new double[VARIANTS.length][ROUNDS - WARMUP_ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < VARIANTS.length; i++) {
          int variant = (i + round) % VARIANTS.length;
          state.emitBacklog();
          switch (variant) {
            case 0 -> benchmark.eventsyncPoller(state, BLACKHOLE);
            case 1 -> benchmark.eventsyncPollerInMemoryStore(state, BLACKHOLE);
            default -> benchmark.handWrittenPullLoop(state, BLACKHOLE);
          }
          state.report(); // fails unless every event was handled and acknowledged
          if (round >= WARMUP_ROUNDS) {
            millis[variant][round - WARMUP_ROUNDS] = state.drainNanos / 1e6;
          }
        }
      }
      double loop = Medians.median(millis[2]);
      for (int variant = 0; variant < VARIANTS.length; variant++) {
        double median = Medians.median(millis[variant]);
        double[] roundRatios = new double[millis[variant].length];
        for (int i = 0; i < roundRatios.length; i++) {
          roundRatios[i] = millis[2][i] / millis[variant][i];
        }
        System.out.printf(
            Locale.ROOT,
            "PAIRED batch=%d %s median=%.0f ms range=%.0f-%.0f ms vs_loop_events_per_s=%.2f"
                + " round_ratio_median=%.2f%n",
            batchSize,
            VARIANTS[variant],
            median,
            Arrays.stream(millis[variant]).min().orElse(0),
            Arrays.stream(millis[variant]).max().orElse(0),
            loop / median,
            Medians.median(roundRatios));
      }
    } finally {
      state.stopSandbox();
    }
  }
}
