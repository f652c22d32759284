package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.DecodingException;
import io.eventsync.ServerException;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FetchLoopTest {
  private final FakeQueue queue = new FakeQueue(10);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<String> handled = new CopyOnWriteArrayList<>();

  private PollerParts<FakeQueue.Event> parts() {
    return new PollerParts<>(
        new PollerBuilder<>(queue, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), sleeper)
            .cursorStore(CursorStore.inMemory())
            .idleBackoff(Duration.ofSeconds(2))
            .errorBackoff(Duration.ofSeconds(3), Duration.ofSeconds(30))
            .handler(event -> handled.add(event.id())));
  }

  @Test
  void aStepHandlesOneBatchAndAsksToGoOnAtOnceWithoutSleeping() {
    queue.emit(25, 1);
    PollerParts<FakeQueue.Event> parts = parts();

    FetchLoop.Next next = parts.loop.step();

    assertThat(next).isEqualTo(FetchLoop.Next.NOW);
    assertThat(handled).hasSize(10);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aStepThatFindsNothingAsksForTheIdleBackoffInsteadOfSleepingIt() {
    PollerParts<FakeQueue.Event> parts = parts();

    FetchLoop.Next next = parts.loop.step();

    assertThat(next.stop()).isFalse();
    assertThat(next.delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aTransientFetchFailureAsksForTheErrorBackoffAndIsReported() {
    queue.beforeFetch =
        () -> {
          throw new ServerException("503 (expected by the test)", 503, null, null, null, null, 1);
        };
    PollerParts<FakeQueue.Event> parts = parts();

    FetchLoop.Next next = parts.loop.step();

    assertThat(next.stop()).isFalse();
    assertThat(next.delay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(parts.lifecycle.state()).isNotEqualTo(PollerState.HALTED);
  }

  @Test
  void aBodyOfTheWrongShapeHaltsThePollerAndStopsTheLoop() {
    queue.beforeFetch =
        () -> {
          throw new DecodingException("wrong shape", "$.events[0].id", false, null);
        };
    PollerParts<FakeQueue.Event> parts = parts();

    FetchLoop.Next next = parts.loop.step();

    assertThat(next).isEqualTo(FetchLoop.Next.STOP);
    assertThat(parts.lifecycle.state()).isEqualTo(PollerState.HALTED);
    assertThat(parts.heard.calls).singleElement().asString().contains("wrong shape");
  }

  @Test
  void drainStopsAtTheEndAndCommitsEverything() {
    queue.emit(25, 1);
    PollerParts<FakeQueue.Event> parts = parts();

    DrainResult result = parts.loop.drain();

    assertThat(result.handled()).isEqualTo(25);
    assertThat(handled).hasSize(25);
    assertThat(parts.committer.checkpoint().doneIds()).isEmpty();
  }
}
