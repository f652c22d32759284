package io.eventsync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.RetryPolicy;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.poll.FailurePolicy;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerState;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventSyncMetricsSandboxTest {
  @Test
  void aRealPollersEventsRetriesDeadLettersCommitsAndHttpCallsAreMetered() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EventSyncMetrics metrics = EventSyncMetrics.builder(registry).build();
    OkHttpClient http = metrics.instrument(new OkHttpClient.Builder()).build();
    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().okHttpClient(http).build()) {
      EventQueueApi queue = client.eventQueue();
      String code = queue.createQueue("metered").code();
      queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
      String stream = "tiki-queue-" + code; // the queue poller's stream name
      List<Map<String, Object>> emitted = sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", 4);
      String flaky = (String) emitted.get(1).get("id");
      String poison = (String) emitted.get(2).get("id");
      Set<String> failedOnce = ConcurrentHashMap.newKeySet();
      Poller poller =
          queue
              .poller(code)
              .cursorStore(CursorStore.inMemory())
              .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())
              .sleeper(duration -> {})
              .failurePolicy(FailurePolicy.deadLetter(DeadLetterSink.inMemory()))
              .listener(metrics.listener())
              .handler(
                  event -> {
                    if (event.id().equals(poison)
                        || (event.id().equals(flaky) && failedOnce.add(flaky))) {
                      throw new IllegalStateException("handler refuses " + event.id());
                    }
                  })
              .build();
      EventSyncMetrics.Binding binding = metrics.bind(stream, poller);
      assertThat(gauge(registry, EventSyncMetrics.STATE, stream, PollerState.NEW)).isEqualTo(1);
      assertThat(registry.get(EventSyncMetrics.HEALTHY).tag("stream", stream).gauge().value())
          .isEqualTo(1);

      poller.drain();
      poller.close(Duration.ofSeconds(10));

      assertThat(events(registry, stream, "handled")).isEqualTo(3);
      assertThat(events(registry, stream, "dead_lettered")).isEqualTo(1);
      assertThat(registry.get(EventSyncMetrics.RETRIES).tag("stream", stream).counter().count())
          .as("the flaky event once, the poison event once")
          .isEqualTo(2);
      assertThat(
              registry.get(EventSyncMetrics.DEAD_LETTERS).tag("stream", stream).counter().count())
          .isEqualTo(1);
      assertThat(registry.get(EventSyncMetrics.HANDLER_TIME).tag("stream", stream).timer().count())
          .isEqualTo(3);
      assertThat(registry.get(EventSyncMetrics.LAG).tag("stream", stream).timer().count())
          .isEqualTo(3);
      assertThat(registry.get(EventSyncMetrics.COMMIT_TIME).tag("stream", stream).timer().count())
          .isPositive();
      assertThat(gauge(registry, EventSyncMetrics.STATE, stream, PollerState.CLOSED)).isEqualTo(1);
      assertThat(gauge(registry, EventSyncMetrics.STATE, stream, PollerState.RUNNING)).isZero();

      assertThat(
              registry
                  .get(EventSyncMetrics.DEFAULT_HTTP_METRIC_NAME)
                  .tags("uri", "/integration/v1/queues/{queueCode}/events/pull", "method", "POST")
                  .timers())
          .isNotEmpty();
      for (Meter meter : registry.getMeters()) {
        for (Tag tag : meter.getId().getTags()) {
          if (!tag.getKey().equals("stream")) {
            assertThat(tag.getValue())
                .as(meter.getId().toString())
                .doesNotContain(code)
                .doesNotContain(EventSyncSandbox.DEV_TOKEN)
                .doesNotContain(poison);
          }
        }
      }

      binding.close();
      assertThat(registry.find(EventSyncMetrics.STATE).gauges()).isEmpty();
      assertThat(registry.find(EventSyncMetrics.HEALTHY).gauges()).isEmpty();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static double gauge(
      SimpleMeterRegistry registry, String name, String stream, PollerState state) {
    return registry.get(name).tags("stream", stream, "state", state.name()).gauge().value();
  }

  private static double events(SimpleMeterRegistry registry, String stream, String outcome) {
    return registry
        .get(EventSyncMetrics.EVENTS)
        .tags("stream", stream, "outcome", outcome)
        .counter()
        .count();
  }
}
