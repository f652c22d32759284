package io.eventsync.examples;

import java.time.Duration;

/** Durations as the command line prints them: {@code 500 ms}, {@code 8 s}, {@code 2 min}. */
final class DurationText {
  private DurationText() {}

  static String of(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 120_000) {
      return millis % 1_000 == 0
          ? millis / 1_000 + " s"
          : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1e3);
    }
    return Math.round(millis / 60_000.0) + " min";
  }
}
