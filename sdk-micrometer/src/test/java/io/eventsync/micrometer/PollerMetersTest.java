package io.eventsync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.PollerListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollerMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PollerListener listener = EventSyncMetrics.builder(registry).build().listener();

  private double events(String stream, String outcome) {
    return registry
        .get(EventSyncMetrics.EVENTS)
        .tags("stream", stream, "outcome", outcome)
        .counter()
        .count();
  }

  @Test
  void eachCallbackCountsOrTimesItsStreamsMeter() {
    listener.batchFetched("orders", 5, 2);
    listener.eventHandled("orders", "e1", Duration.ofSeconds(3), Duration.ofMillis(20));
    listener.eventHandled("orders", "e2", null, Duration.ofMillis(40));
    listener.retrying("orders", "e3", 1, new IllegalStateException("boom"), Duration.ZERO);
    listener.deadLettered(
        "orders", new DeadLetter("orders", "e3", "T", "{}", "boom", 3, Instant.EPOCH));
    listener.halted("orders", new IllegalStateException("boom"));
    listener.committed("orders", Checkpoint.initial(), Duration.ofMillis(7));
    listener.fetchFailed("orders", new IOException("down"), Duration.ofSeconds(1), 1);
    listener.eventHandled("other", "x1", Duration.ofSeconds(1), Duration.ofMillis(1));

    assertThat(events("orders", "handled")).isEqualTo(2);
    assertThat(events("orders", "skipped_duplicate")).isEqualTo(2);
    assertThat(events("orders", "dead_lettered")).isEqualTo(1);
    assertThat(events("other", "handled")).isEqualTo(1);
    var handler = registry.get(EventSyncMetrics.HANDLER_TIME).tag("stream", "orders").timer();
    assertThat(handler.count()).isEqualTo(2);
    assertThat(handler.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60);
    var lag = registry.get(EventSyncMetrics.LAG).tag("stream", "orders").timer();
    assertThat(lag.count()).as("an event without a creation time has no lag").isEqualTo(1);
    assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(3);
    assertThat(registry.get(EventSyncMetrics.COMMIT_TIME).tag("stream", "orders").timer().count())
        .isEqualTo(1);
    for (String counter :
        List.of(
            EventSyncMetrics.RETRIES,
            EventSyncMetrics.HALTS,
            EventSyncMetrics.FETCH_FAILURES,
            EventSyncMetrics.DEAD_LETTERS)) {
      assertThat(registry.get(counter).tag("stream", "orders").counter().count())
          .as(counter)
          .isEqualTo(1);
    }
  }

  @Test
  void lagPercentilesAreOffByDefaultAndPublishedWhenAsked() {
    listener.eventHandled("orders", "e1", Duration.ofSeconds(3), Duration.ZERO);
    assertThat(registry.get(EventSyncMetrics.LAG).timer().takeSnapshot().percentileValues())
        .isEmpty();

    SimpleMeterRegistry other = new SimpleMeterRegistry();
    EventSyncMetrics.builder(other)
        .lagPercentiles(0.5, 0.99)
        .build()
        .listener()
        .eventHandled("orders", "e1", Duration.ofSeconds(3), Duration.ZERO);
    assertThat(other.get(EventSyncMetrics.LAG).timer().takeSnapshot().percentileValues())
        .hasSize(2);
  }

  @Test
  void aPercentileOutsideZeroToOneIsRefusedNamingTheFix() {
    assertThatThrownBy(() -> EventSyncMetrics.builder(registry).lagPercentiles(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1 (0.99 for the 99th)");
  }

  @Test
  void noMeterCarriesAnEventIdOrAnErrorMessage() {
    listener.eventHandled("orders", "event-id-1", Duration.ZERO, Duration.ZERO);
    listener.retrying(
        "orders", "event-id-2", 1, new IllegalStateException("secret"), Duration.ZERO);
    registry
        .getMeters()
        .forEach(
            meter ->
                meter
                    .getId()
                    .getTags()
                    .forEach(
                        tag ->
                            assertThat(tag.getValue())
                                .doesNotContain("event-id")
                                .doesNotContain("secret")));
  }
}
