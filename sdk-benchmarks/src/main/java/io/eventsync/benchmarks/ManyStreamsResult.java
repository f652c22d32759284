package io.eventsync.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one {@link ManyStreamsRun} measured; filled in as the run goes. */
final class ManyStreamsResult {
  final ManyStreamsOptions options;
  String uptimeBefore = "";
  String uptimeAfter = "";
  double setupSeconds;
  double emitSeconds;
  double runSeconds;
  long total;
  long handled;
  long missing;
  long anomalies;
  int peakLive;
  int mxPeak;
  int peakOs;
  int liveThreadsIdle;
  String threadsAtPeak = "";
  double heapAfterGcMiB;
  double peakHeapSampledMiB;
  int gcs;
  int p50 = -1;
  int p99 = -1;
  int max = -1;
  long overTarget;
  int closeUnclean;
  long pulls; // from the start of the run's clock to the last event handled
  String stats = "";

  ManyStreamsResult(ManyStreamsOptions options) {
    this.options = options;
  }

  double eventsPerSecond() {
    return runSeconds > 0 ? handled / runSeconds : 0;
  }

  long delayTargetMillis() {
    return options.idleBackoff().toMillis() + 1000;
  }

  /** The one-line summary, as the other benchmarks print theirs. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "MANY streams=%d events_per_stream=%d threads=%d mode=%s store=%s idle_backoff_ms=%d"
            + " handled=%d/%d in_order_once=%s emit_s=%.1f run_s=%.1f events_per_s=%.0f"
            + " peak_threads=%d mx_peak_threads=%d peak_os_threads=%d idle_threads=%d"
            + " heap_after_gc_mib=%.1f peak_heap_mib=%.1f gcs=%d"
            + " p50_delay_ms=%d p99_delay_ms=%d max_delay_ms=%d over_%dms=%d"
            + " pulls=%d pulls_per_s=%.0f close_unclean=%d load_before=[%s] load_after=[%s]",
        options.streams(),
        options.events(),
        options.threads(),
        options.backlog() ? "backlog" : "paced",
        options.fileStore() ? "file" : "memory",
        options.idleBackoff().toMillis(),
        handled,
        total,
        anomalies == 0 && missing == 0 && handled == total,
        emitSeconds,
        runSeconds,
        eventsPerSecond(),
        peakLive,
        mxPeak,
        peakOs,
        liveThreadsIdle,
        heapAfterGcMiB,
        peakHeapSampledMiB,
        gcs,
        p50,
        p99,
        max,
        delayTargetMillis(),
        overTarget,
        pulls,
        runSeconds > 0 ? pulls / runSeconds : 0,
        closeUnclean,
        uptimeBefore,
        uptimeAfter);
  }

  /** Issue 16's targets this run missed; empty if it met them all. */
  List<String> missedTargets() {
    List<String> missed = new ArrayList<>();
    if (peakLive > ManyStreamsRun.MAX_LIVE_THREADS || mxPeak > ManyStreamsRun.MAX_LIVE_THREADS) {
      missed.add(
          "live threads peaked at "
              + Math.max(peakLive, mxPeak)
              + " (sampled "
              + peakLive
              + ", MXBean "
              + mxPeak
              + "), over "
              + ManyStreamsRun.MAX_LIVE_THREADS
              + "; at the sampled peak: "
              + threadsAtPeak);
    }
    if (!options.backlog() && (p99 < 0 || p99 >= delayTargetMillis())) {
      missed.add(
          "p99 creation-to-handling delay "
              + p99
              + " ms, not under the idle backoff + 1 s = "
              + delayTargetMillis()
              + " ms");
    }
    return missed;
  }
}
