package io.eventsync.benchmarks;

import java.util.Arrays;

/**
 * Per-event handler lags of one drain, in nanoseconds, kept in a preallocated array so recording
 * costs the same for the SDK and for the baseline and allocates nothing. Not thread-safe: handlers
 * run on one thread.
 */
final class Lags {
  private final long[] nanos;
  private int size;

  Lags(int capacity) {
    this.nanos = new long[capacity];
  }

  void clear() {
    size = 0;
  }

  void record(long lagNanos) {
    if (size < nanos.length) {
      nanos[size] = lagNanos;
    }
    size++;
  }

  /** Events recorded, including any beyond the capacity. */
  int count() {
    return size;
  }

  /** The {@code p}-th percentile (0-100) in milliseconds, nearest rank; NaN if empty. */
  double percentileMillis(double p) {
    int n = Math.min(size, nanos.length);
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
  }
}
