package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollerLifecycleTest {
  private final PollerParts.RecordingListener heard = new PollerParts.RecordingListener();

  private PollerLifecycle lifecycle(io.eventsync.Sleeper sleeper) {
    return new PollerLifecycle(
        "orders", CursorStore.inMemory(), sleeper, new ListenerCalls("orders", heard));
  }

  @Test
  void theFirstHaltWinsAndTheListenerHearsOfItOnce() {
    PollerLifecycle lifecycle = lifecycle(new RecordingSleeper());

    assertThat(lifecycle.halt(new IllegalStateException("first"), "first halt")).isTrue();
    assertThat(lifecycle.halt(new IllegalStateException("second"), "second halt")).isFalse();

    assertThat(lifecycle.state()).isEqualTo(PollerState.HALTED);
    assertThat(lifecycle.failure()).hasMessage("first");
    assertThat(lifecycle.haltCause()).hasMessage("first");
    assertThat(heard.calls).containsExactly("halted first");
  }

  @Test
  void aHaltedPollerRefusesToPollAndSaysHowToResume() {
    PollerLifecycle lifecycle = lifecycle(new RecordingSleeper());
    lifecycle.halt(new IllegalStateException("boom"), "halted");

    assertThatThrownBy(() -> lifecycle.enterCallerThread("pollOnce"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("halted")
        .hasMessageContaining("build a new one to resume");
  }

  @Test
  void aPollerRunningInTheBackgroundRefusesADirectPoll() throws Exception {
    PollerLifecycle lifecycle = lifecycle(new RecordingSleeper());
    CountDownLatch ran = new CountDownLatch(1);
    lifecycle.startBackground(ran::countDown, Executors.defaultThreadFactory());
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(lifecycle.state()).isEqualTo(PollerState.RUNNING);
    assertThatThrownBy(() -> lifecycle.enterCallerThread("pollOnce"))
        .hasMessageContaining("runs in the background");
    assertThatThrownBy(() -> lifecycle.startBackground(() -> {}, Executors.defaultThreadFactory()))
        .hasMessageContaining("already started");
  }

  @Test
  void stopEndsAPauseInProgressAndLaterPausesDoNotWait() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    PollerLifecycle lifecycle =
        lifecycle(
            duration -> {
              sleeping.countDown();
              Thread.sleep(duration.toMillis());
            });
    Thread pauser = new Thread(() -> lifecycle.pause(Duration.ofHours(1)));
    pauser.start();
    assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

    lifecycle.stop();
    pauser.join(); // the hour-long pause ended (the test's timeout says otherwise)

    assertThat(pauser.isInterrupted()).isFalse();
    assertThat(lifecycle.stopping()).isTrue();
    lifecycle.pause(Duration.ofHours(1)); // returns at once: the sleeper is not called
    assertThatThrownBy(() -> lifecycle.enterCallerThread("pollOnce"))
        .hasMessageContaining("is closed; cannot pollOnce");
  }

  @Test
  void aClosedPollerIsClosedEvenAfterAHalt() {
    PollerLifecycle lifecycle = lifecycle(new RecordingSleeper());
    lifecycle.halt(new IllegalStateException("boom"), "halted");

    lifecycle.closed();

    assertThat(lifecycle.state()).isEqualTo(PollerState.CLOSED);
    assertThat(lifecycle.haltCause()).isNull();
  }
}
