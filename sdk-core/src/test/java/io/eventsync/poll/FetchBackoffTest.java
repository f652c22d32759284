package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.RateLimitException;
import io.eventsync.RetryPolicy;
import io.eventsync.ServerException;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wait between failed fetches: the poller's own backoff, or the server's Retry-After. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FetchBackoffTest {
  private final FakeQueue queue = new FakeQueue(50);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  private static RateLimitException tooManyRequests(Duration retryAfter) {
    return new RateLimitException("HTTP 429", 429, null, null, null, null, 4, retryAfter);
  }

  /** Drains a queue whose first fetch fails with {@code error}; returns the poller's waits. */
  private List<Duration> waitsAfter(RuntimeException error, PollerBuilder<FakeQueue.Event> b) {
    queue.emit(5, 1);
    int[] calls = {0};
    queue.beforeFetch =
        () -> {
          if (calls[0]++ == 0) {
            throw error;
          }
        };
    b.build().drain();
    return sleeper.waits();
  }

  private PollerBuilder<FakeQueue.Event> builder() {
    return new PollerBuilder<>(queue, clock, sleeper)
        .cursorStore(CursorStore.inMemory())
        .handler(event -> {});
  }

  @Test
  void aRateLimitedFetchWaitsAtLeastTheServersRetryAfter() {
    assertThat(waitsAfter(tooManyRequests(Duration.ofSeconds(20)), builder()))
        .containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void aRetryAfterLongerThanTheRetryPolicysMaximumIsCappedThere() {
    PollerBuilder<FakeQueue.Event> b =
        builder().retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(90)).build());

    assertThat(waitsAfter(tooManyRequests(Duration.ofHours(2)), b))
        .containsExactly(Duration.ofSeconds(90));
  }

  @Test
  void theOwnBackoffWinsWhenItIsLongerThanTheRetryAfter() {
    PollerBuilder<FakeQueue.Event> b =
        builder().errorBackoff(Duration.ofSeconds(30), Duration.ofMinutes(1));

    assertThat(waitsAfter(tooManyRequests(Duration.ofSeconds(2)), b))
        .containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aServerErrorWithRetryAfterIsWaitedForToo() {
    ServerException unavailable =
        new ServerException("HTTP 503", 503, null, null, null, null, 4, Duration.ofSeconds(45));

    assertThat(waitsAfter(unavailable, builder())).containsExactly(Duration.ofSeconds(45));
  }

  @Test
  void aQueuePollerWaitsWhatA503sRetryAfterAsksBeforePullingAgain() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "17").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body("{\"ack_id\":\"a1\",\"events\":[]}")
              .addHeader("Content-Type", "application/json")
              .build());
      server.start();
      try (EventSyncClient client =
          EventSyncClient.builder()
              .baseUrl(server.url("/").toString())
              .retryPolicy(RetryPolicy.none())
              .sleeper(sleeper)
              .build()) {
        List<String> handled = new CopyOnWriteArrayList<>();
        Poller poller =
            client
                .eventQueue()
                .poller("q1")
                .cursorStore(CursorStore.inMemory())
                .handler((QueueEvent event) -> handled.add(event.id()))
                .build();

        poller.drain();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(17));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(handled).isEmpty();
      }
    }
  }
}
