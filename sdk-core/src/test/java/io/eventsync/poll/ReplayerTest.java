package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.RetryPolicy;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReplayerTest {
  private final FakeQueue queue = new FakeQueue(10);
  private final DeadLetterSink sink = DeadLetterSink.inMemory();
  private final List<String> handled = new CopyOnWriteArrayList<>();

  private PollerBuilder<FakeQueue.Event> builder() {
    return new PollerBuilder<>(
            queue, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), new RecordingSleeper())
        .cursorStore(CursorStore.inMemory())
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build());
  }

  private void deadLetter(String id, String key, long version) {
    FakeQueue.Event event = new FakeQueue.Event(id, key, version, Instant.EPOCH);
    sink.accept(new DeadLetter("fake", id, "TEST", queue.toJson(event), "boom", 3, Instant.EPOCH));
  }

  @Test
  void replayRemovesLettersThatSucceedOrAreStaleAndKeepsThoseThatStillFail() {
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder()
                .failurePolicy(FailurePolicy.deadLetter(sink))
                .staleGuard(FakeQueue.Event::key, FakeQueue.Event::version)
                .handler(
                    event -> {
                      if (event.id().equals("bad")) {
                        throw new IllegalStateException("still broken");
                      }
                      handled.add(event.id());
                    }));
    parts.staleGuard.handled(new FakeQueue.Event("newer", "k1", 5, Instant.EPOCH));
    deadLetter("old", "k1", 4); // k1 is at version 5 already
    deadLetter("ok", "k2", 1);
    deadLetter("bad", "k3", 1);

    ReplayReport report = parts.replayer.replay();

    assertThat(report).isEqualTo(new ReplayReport(1, 1, 1));
    assertThat(handled).containsExactly("ok");
    assertThat(sink.pending()).extracting(DeadLetter::eventId).containsExactly("bad");
    assertThat(parts.staleGuard.isStale(new FakeQueue.Event("x", "k2", 0, Instant.EPOCH))).isTrue();
  }

  @Test
  void replayWithoutASinkSaysHowToSetOne() {
    PollerParts<FakeQueue.Event> parts = new PollerParts<>(builder().handler(event -> {}));

    assertThatThrownBy(() -> parts.replayer.replay())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failurePolicy(FailurePolicy.deadLetter(sink))");
  }
}
