package io.eventsync.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a poller's fetch failures: one streak of failures in a row at a time. The first failure
 * of a streak is logged at WARN, later ones at most once per {@link #WARN_INTERVAL} (with the
 * streak's attempt count), the rest at DEBUG; every failure goes to {@link
 * PollerListener#fetchFailed(String, Throwable, Duration, int)}; the end of a streak is logged at
 * INFO and goes to {@link PollerListener#fetchRecovered}. A streak longer than the poller's
 * unhealthy limit is reported once, at WARN and to {@link PollerListener#unhealthy}. Thread-safe.
 */
final class FetchFailureReporter {
  /** The least time between two WARN lines of one streak. */
  static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private final PollerListener listener;
  private final Clock clock;
  private final Duration unhealthyAfter; // null: never unhealthy for failed fetches
  private final Consumer<Runnable> notifier; // calls the listener, logging what it throws

  private int failures;
  private Instant since;
  private Instant lastWarned;
  private Throwable lastError;
  private boolean reportedUnhealthy;

  FetchFailureReporter(
      String stream,
      PollerListener listener,
      Clock clock,
      Duration unhealthyAfter,
      Consumer<Runnable> notifier) {
    this.stream = stream;
    this.listener = listener;
    this.clock = clock;
    this.unhealthyAfter = unhealthyAfter;
    this.notifier = notifier;
  }

  /** Returns the failures in a row so far (0 after a fetch that worked). */
  synchronized int failures() {
    return failures;
  }

  /**
   * Records a failed fetch that is retried after {@code backoff}; returns the attempt's number in
   * its streak.
   */
  int failed(Throwable error, Duration backoff) {
    Instant now = clock.instant();
    int attempt;
    Instant streakStart;
    boolean warn;
    boolean becameUnhealthy = false;
    synchronized (this) {
      attempt = ++failures;
      if (attempt == 1) {
        since = now;
      }
      streakStart = since;
      lastError = error;
      warn = lastWarned == null || !now.isBefore(lastWarned.plus(WARN_INTERVAL));
      if (warn) {
        lastWarned = now;
      }
      if (unhealthyAfter != null
          && !reportedUnhealthy
          && Duration.between(since, now).compareTo(unhealthyAfter) >= 0) {
        reportedUnhealthy = becameUnhealthy = true;
      }
    }
    String reason = String.valueOf(error.getMessage());
    if (warn && attempt == 1) {
      log.warn(
          "cannot fetch from stream {}: {}; retrying in {} (attempt {})",
          stream,
          reason,
          describe(backoff),
          attempt);
    } else if (warn) {
      log.warn(
          "still cannot fetch from stream {} after {}: {}; retrying in {} (attempt {})",
          stream,
          describe(Duration.between(streakStart, now)),
          reason,
          describe(backoff),
          attempt);
    } else {
      log.debug(
          "fetch of stream {} failed (attempt {}): {}; retrying in {}",
          stream,
          attempt,
          reason,
          describe(backoff));
    }
    notifier.accept(() -> listener.fetchFailed(stream, error, backoff, attempt));
    if (becameUnhealthy) {
      log.warn(
          "poller of stream {} is unhealthy: its fetches have failed for {} ({} attempts, limit {});"
              + " last error: {}",
          stream,
          describe(Duration.between(streakStart, now)),
          attempt,
          describe(unhealthyAfter),
          reason);
      notifier.accept(() -> listener.unhealthy(stream, streakStart, error));
    }
    return attempt;
  }

  /** Records a fetch that worked: ends the streak of failures, if any. */
  void succeeded() {
    int failed;
    Duration downtime;
    synchronized (this) {
      if (failures == 0) {
        return;
      }
      failed = failures;
      downtime = Duration.between(since, clock.instant());
      failures = 0;
      since = null;
      lastWarned = null;
      lastError = null;
      reportedUnhealthy = false;
    }
    log.info(
        "fetching from stream {} works again after {} failed attempts over {}",
        stream,
        failed,
        describe(downtime));
    notifier.accept(() -> listener.fetchRecovered(stream, failed, downtime));
  }

  /** Returns the health as far as fetching goes; {@code halt} is the poller's failure, or null. */
  synchronized PollerHealth health(Throwable halt) {
    boolean failingTooLong =
        unhealthyAfter != null
            && since != null
            && Duration.between(since, clock.instant()).compareTo(unhealthyAfter) >= 0;
    return new PollerHealth(
        halt == null && !failingTooLong, failures, since, halt != null ? halt : lastError);
  }

  /** Returns {@code duration} for people: {@code 250 ms}, {@code 8 s}, {@code 2 min 5 s}. */
  static String describe(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return millis % 1_000 == 0
          ? seconds + " s"
          : String.format(Locale.ROOT, "%.1f s", millis / 1_000.0);
    }
    if (seconds < 3_600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    return seconds / 3_600
        + " h"
        + (seconds % 3_600 / 60 == 0 ? "" : " " + seconds % 3_600 / 60 + " min");
  }
}
