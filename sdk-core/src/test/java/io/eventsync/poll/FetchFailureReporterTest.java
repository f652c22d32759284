package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.ApiConnectionException;
import io.eventsync.testing.CapturingLogs;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a poller reports fetch failures: WARN lines, listener calls and its health. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetchFailureReporterTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private final FakeQueue queue = new FakeQueue(50);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(T0);
  private final List<String> events = new CopyOnWriteArrayList<>();
  private Poller poller;

  @BeforeEach
  void clearLogs() {
    CapturingLogs.clear();
  }

  /** Makes the first {@code failures} fetches fail, 20 s apart on the clock. */
  private void failFirstFetches(int failures) {
    int[] calls = {0};
    queue.beforeFetch =
        () -> {
          if (calls[0]++ < failures) {
            clock.advance(Duration.ofSeconds(20));
            throw new ApiConnectionException(
                "POST /pull failed: java.net.ConnectException: Connection refused", null, 4);
          }
        };
  }

  private final PollerListener recorder =
      new PollerListener() {
        @Override
        public void fetchFailed(String stream, Throwable error, Duration backoff, int attempt) {
          events.add("failed " + attempt + " retry in " + backoff.toSeconds() + " s");
        }

        @Override
        public void fetchRecovered(String stream, int failedAttempts, Duration downtime) {
          events.add("recovered after " + failedAttempts + " over " + downtime.toSeconds() + " s");
        }

        @Override
        public void unhealthy(String stream, Instant since, Throwable lastError) {
          events.add(
              "unhealthy since "
                  + since
                  + " ("
                  + lastError.getClass().getSimpleName()
                  + ") healthy="
                  + poller.health().healthy());
        }
      };

  private PollerBuilder<FakeQueue.Event> builder() {
    return new PollerBuilder<>(queue, clock, sleeper)
        .cursorStore(CursorStore.inMemory())
        .errorBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
        .listener(recorder)
        .handler(event -> {});
  }

  private static List<String> pollerLines(String level) {
    return CapturingLogs.lines().stream()
        .filter(line -> line.startsWith(level + " io.eventsync.poll.Poller "))
        .filter(line -> line.contains("stream fake"))
        .collect(Collectors.toList());
  }

  @Test
  void drainWarnsOnTheFirstFailureThenAtMostOncePerMinuteAndSaysWhenItRecovered() {
    queue.emit(10, 1);
    failFirstFetches(6); // at 20, 40, 60, 80, 100 and 120 s
    poller = builder().build();

    poller.drain();

    assertThat(pollerLines("WARN"))
        .containsExactly(
            "WARN io.eventsync.poll.Poller cannot fetch from stream fake: POST /pull failed:"
                + " java.net.ConnectException: Connection refused (after 4 attempts); retrying in"
                + " 1 s (attempt 1)",
            "WARN io.eventsync.poll.Poller still cannot fetch from stream fake after 1 min: POST"
                + " /pull failed: java.net.ConnectException: Connection refused (after 4 attempts);"
                + " retrying in 8 s (attempt 4)");
    assertThat(pollerLines("INFO"))
        .containsExactly(
            "INFO io.eventsync.poll.Poller fetching from stream fake works again after 6 failed"
                + " attempts over 1 min 40 s");
    assertThat(sleeper.waits())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
  }

  @Test
  void listenerHearsEveryFailureWithItsAttemptNumberAndTheRecovery() {
    queue.emit(10, 1);
    failFirstFetches(3);
    poller = builder().build();

    poller.drain();

    assertThat(events)
        .containsExactly(
            "failed 1 retry in 1 s",
            "failed 2 retry in 2 s",
            "failed 3 retry in 4 s",
            "recovered after 3 over 40 s");
    assertThat(poller.health()).isEqualTo(new PollerHealth(true, 0, null, null));
  }

  @Test
  void aStreakLongerThanTheUnhealthyLimitIsReportedOnceAndEndsWithTheRecovery() {
    queue.emit(10, 1);
    failFirstFetches(5);
    poller = builder().unhealthyAfter(Duration.ofSeconds(30)).build();

    poller.drain();

    assertThat(events)
        .containsExactly(
            "failed 1 retry in 1 s",
            "failed 2 retry in 2 s",
            "failed 3 retry in 4 s",
            "unhealthy since 2026-11-24T10:00:20Z (ApiConnectionException) healthy=false",
            "failed 4 retry in 8 s",
            "failed 5 retry in 8 s",
            "recovered after 5 over 80 s");
    assertThat(pollerLines("WARN"))
        .contains(
            "WARN io.eventsync.poll.Poller poller of stream fake is unhealthy: its fetches have"
                + " failed for 40 s (3 attempts, limit 30 s); last error: POST /pull failed:"
                + " java.net.ConnectException: Connection refused (after 4 attempts)");
    assertThat(poller.health().healthy()).isTrue();
  }

  @Test
  void withoutALimitFailingFetchesAloneNeverMakeAPollerUnhealthy() {
    queue.emit(10, 1);
    List<PollerHealth> seen = new CopyOnWriteArrayList<>();
    poller =
        builder()
            .listener(
                new PollerListener() {
                  @Override
                  public void fetchFailed(
                      String stream, Throwable error, Duration backoff, int attempt) {
                    seen.add(poller.health());
                  }
                })
            .build();
    failFirstFetches(9);

    poller.drain();

    assertThat(seen).hasSize(9).allMatch(PollerHealth::healthy);
    assertThat(seen.get(8).failedFetches()).isEqualTo(9);
    assertThat(seen.get(8).failingSince()).isEqualTo(T0.plusSeconds(20));
    assertThat(seen.get(8).lastError()).isInstanceOf(ApiConnectionException.class);
  }

  @Test
  void aHaltedPollerIsUnhealthyAndSaysWhy() {
    queue.emit(10, 1);
    poller =
        builder()
            .retryPolicy(io.eventsync.RetryPolicy.none())
            .handler(
                event -> {
                  throw new IllegalStateException("handler broke");
                })
            .build();

    try {
      poller.drain();
    } catch (PollerHaltedException expected) {
      // the handler failed: the poller halted
    }

    assertThat(poller.health().healthy()).isFalse();
    assertThat(poller.health().lastError()).hasMessage("handler broke");
  }
}
