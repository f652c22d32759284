package io.eventsync.orders;

import java.time.Duration;

/**
 * Progress of a {@link CustomerOrderPublisher} run.
 *
 * @param sent orders Hii Retail accepted in this run
 * @param failed orders that still failed after their attempts and went to the dead-letter sink
 * @param skipped orders skipped because an earlier run had already confirmed them
 * @param elapsed time since the run started
 */
public record PublishStats(long sent, long failed, long skipped, Duration elapsed) {
  /** Returns the orders accepted per second so far (0 before any time has passed). */
  public double perSecond() {
    long millis = elapsed.toMillis();
    return millis <= 0 ? 0 : sent * 1000.0 / millis;
  }
}
