package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs refused deliveries: each one at DEBUG, and a WARN summary at most once per interval
 * ("refused 15 webhook deliveries since ...: 3 BODY_TOO_LARGE, 12 NO_MATCHING_SIGNATURE"), so that
 * an attack cannot flood the logs and an operator still sees a wrong secret at once. The first
 * refusal after a quiet interval is summarized at once; the ones after it wait for the next refusal
 * past the interval, or for {@link #flush()}.
 */
final class RefusalLog {
  /** The shortest time between two WARN summaries: one minute. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private final Map<String, Integer> counts = new TreeMap<>();
  private int total;
  private @Nullable Instant since;
  private @Nullable Instant nextSummary;

  RefusalLog(Logger log, Clock clock, Duration interval) {
    this.log = Objects.requireNonNull(log, "log == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.interval = Objects.requireNonNull(interval, "interval == null");
  }

  /**
   * Records a refusal answered with {@code status} and {@code code}; {@code detail} (never a secret
   * or a signature) goes to the DEBUG line only.
   */
  void refused(int status, String code, String detail) {
    log.debug("webhook delivery refused with {} {}: {}", status, code, detail);
    String summary;
    synchronized (this) {
      Instant now = clock.instant();
      counts.merge(code, 1, Integer::sum);
      total++;
      if (since == null) {
        since = now;
      }
      if (nextSummary != null && now.isBefore(nextSummary)) {
        return;
      }
      nextSummary = now.plus(interval);
      summary = takeSummary();
    }
    log.warn(summary);
  }

  /** Writes the summary of the refusals not summarized yet, if any (when the receiver closes). */
  void flush() {
    String summary;
    synchronized (this) {
      if (total == 0) {
        return;
      }
      summary = takeSummary();
    }
    log.warn(summary);
  }

  private String takeSummary() {
    StringBuilder line =
        new StringBuilder("refused ")
            .append(total)
            .append(total == 1 ? " webhook delivery since " : " webhook deliveries since ")
            .append(since)
            .append(": ");
    String separator = "";
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      line.append(separator).append(entry.getValue()).append(' ').append(entry.getKey());
      separator = ", ";
    }
    line.append(" (at most one such summary per ")
        .append(interval.toSeconds())
        .append(" s; each refusal is logged at DEBUG by ")
        .append(log.getName())
        .append(')');
    counts.clear();
    total = 0;
    since = null;
    return line.toString();
  }
}
