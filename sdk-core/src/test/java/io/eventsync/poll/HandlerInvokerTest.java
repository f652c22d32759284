package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.RetryPolicy;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandlerInvokerTest {
  private final FakeQueue queue = new FakeQueue(10);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<String> done = new ArrayList<>();

  private PollerBuilder<FakeQueue.Event> builder(EventHandler<FakeQueue.Event> handler) {
    return new PollerBuilder<>(
            queue, new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), sleeper)
        .cursorStore(CursorStore.inMemory())
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .handler(handler);
  }

  private static PolledEvent<FakeQueue.Event> event(String id) {
    return new PolledEvent<>(
        new FakeQueue.Event(id, "k", 0, Instant.EPOCH), id, "TEST", Instant.EPOCH, null);
  }

  private HandlerInvoker.Done<FakeQueue.Event> recordDone() {
    return (events, deadLettered, nanos) ->
        events.forEach(e -> done.add((deadLettered ? "dead " : "handled ") + e.id()));
  }

  @Test
  void aHandlerThatFailsTwiceIsRetriedAfterTheBackoffAndThenCountsAsHandled() {
    AtomicInteger calls = new AtomicInteger();
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder(
                event -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("not yet");
                  }
                }));
    BatchOutcome outcome = new BatchOutcome("fake");

    boolean goOn = parts.invoker.handleOne(event("e0"), 1, outcome, recordDone());

    assertThat(goOn).isTrue();
    assertThat(done).containsExactly("handled e0");
    assertThat(sleeper.waits()).hasSize(2);
    assertThat(parts.heard.calls).filteredOn(c -> c.startsWith("retrying")).hasSize(2);
    assertThat(outcome.halt()).isNull();
  }

  @Test
  void spentAttemptsWithoutASinkHaltTheBatchBeforeTheEvent() {
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder(
                event -> {
                  throw new IllegalStateException("bad event");
                }));
    BatchOutcome outcome = new BatchOutcome("fake");

    boolean goOn = parts.invoker.handleOne(event("e0"), 1, outcome, recordDone());

    assertThat(goOn).isFalse();
    assertThat(done).isEmpty();
    assertThat(outcome.halt())
        .hasMessageContaining("handler failed on event e0 of stream \"fake\" after 3 attempts")
        .hasMessageContaining("the cursor stays before the event");
    assertThat(outcome.halt().eventId()).isEqualTo("e0");
  }

  @Test
  void spentAttemptsWithASinkDeadLetterTheEventAndTheBatchGoesOn() {
    DeadLetterSink sink = DeadLetterSink.inMemory();
    PollerParts<FakeQueue.Event> parts =
        new PollerParts<>(
            builder(
                    event -> {
                      throw new IllegalStateException("bad event");
                    })
                .failurePolicy(FailurePolicy.deadLetter(sink)));

    boolean goOn = parts.invoker.handleOne(event("e0"), 1, new BatchOutcome("fake"), recordDone());

    assertThat(goOn).isTrue();
    assertThat(done).containsExactly("dead e0");
    assertThat(sink.pending())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.eventId()).isEqualTo("e0");
              assertThat(letter.attempts()).isEqualTo(3);
              assertThat(letter.error()).contains("bad event");
            });
  }

  @Test
  void aHandlerSeesThatItRunsInsideItsOwnPollerAndNoOtherCodeDoes() {
    AtomicBoolean inside = new AtomicBoolean();
    AtomicReference<PollerParts<FakeQueue.Event>> parts = new AtomicReference<>();
    parts.set(
        new PollerParts<>(
            builder(event -> inside.set(parts.get().invoker.isHandlingOnThisThread()))));

    parts.get().invoker.handleOne(event("e0"), 1, new BatchOutcome("fake"), recordDone());

    assertThat(inside).isTrue();
    assertThat(parts.get().invoker.isHandlingOnThisThread()).isFalse();
  }

  @Test
  void aCloseDuringTheBackoffStopsTheRetriesWithoutDeadLetteringOrHalting() {
    AtomicReference<PollerParts<FakeQueue.Event>> parts = new AtomicReference<>();
    parts.set(
        new PollerParts<>(
            builder(
                event -> {
                  parts.get().lifecycle.stop();
                  throw new IllegalStateException("fails once closed");
                })));
    BatchOutcome outcome = new BatchOutcome("fake");

    boolean goOn = parts.get().invoker.handleOne(event("e0"), 1, outcome, recordDone());

    assertThat(goOn).isFalse();
    assertThat(done).isEmpty();
    assertThat(outcome.halt()).isNull();
    assertThat(sleeper.waits()).isEmpty();
  }
}
