package io.eventsync.benchmarks;

import java.util.Locale;

/**
 * A cross-check of {@link CallOverheadBenchmark} that holds up on a busy machine: the typed and the
 * raw call alternate in one JVM, a block of calls each, round after round (which goes first swaps
 * every round), so that a change of load hits both alike; prints the median microseconds per call
 * of each, their ratio, and the median of the rounds' own ratios (each round's two blocks ran back
 * to back, so this one is the least moved by load that changes between rounds).
 *
 * <p>{@code java -cp benchmarks.jar io.eventsync.benchmarks.CallOverheadPaired}
 */
public final class CallOverheadPaired {
  private static final int ROUNDS = 25;
  private static final int WARMUP_ROUNDS = 5;
  private static final int CALLS = 1_000;
  private static volatile Object sink;

  private CallOverheadPaired() {}

  public static void main(String[] args) throws Exception {
    for (String server : args.length == 0 ? new String[] {"sandbox", "fixed"} : args) {
      run(server);
    }
  }

  private static void run(String server) throws Exception {
    CallOverheadBenchmark benchmark = new CallOverheadBenchmark();
    CallOverheadBenchmark.Server state = new CallOverheadBenchmark.Server();
    state.server = server;
    state.start();
    try {
      double[][] micros = new double[2][ROUNDS - WARMUP_ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        for (int turn = 0; turn < 2; turn++) {
          int variant = (turn + round) % 2; // each goes first every other round
          long start = System.nanoTime();
          for (int i = 0; i < CALLS; i++) {
            sink =
                variant == 0
                    ? benchmark.eventsyncListQueues(state)
                    : benchmark.rawOkHttpMoshi(state);
          }
          if (round >= WARMUP_ROUNDS) {
            micros[variant][round - WARMUP_ROUNDS] = (System.nanoTime() - start) / 1e3 / CALLS;
          }
        }
      }
      double typed = Medians.median(micros[0]);
      double raw = Medians.median(micros[1]);
      double[] roundRatios = new double[micros[0].length];
      for (int i = 0; i < roundRatios.length; i++) {
        roundRatios[i] = micros[0][i] / micros[1][i];
      }
      System.out.printf(
          Locale.ROOT,
          "PAIRED server=%s eventsyncListQueues=%.1f us rawOkHttpMoshi=%.1f us ratio=%.2f"
              + " round_ratio_median=%.2f%n",
          server,
          typed,
          raw,
          typed / raw,
          Medians.median(roundRatios));
    } finally {
      state.stop();
    }
  }
}
