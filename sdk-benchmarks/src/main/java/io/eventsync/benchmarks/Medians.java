package io.eventsync.benchmarks;

import java.util.Arrays;

/** The median the paired cross-checks report: robust to the odd round a busy machine spoils. */
final class Medians {
  private Medians() {}

  /** Returns the median of {@code values} (the mean of the middle two for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
