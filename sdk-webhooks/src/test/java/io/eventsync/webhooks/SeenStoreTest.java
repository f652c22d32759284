package io.eventsync.webhooks;

import static io.eventsync.webhooks.SeenStore.Claim.ACQUIRED;
import static io.eventsync.webhooks.SeenStore.Claim.HANDLED;
import static io.eventsync.webhooks.SeenStore.Claim.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenStoreTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final InMemorySeenStore store =
      (InMemorySeenStore) SeenStore.inMemory(Duration.ofHours(1), clock, 3);

  @Test
  void anIdIsHandledOnlyOnceCompleted() {
    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
    assertThat(store.claim("a")).isEqualTo(IN_PROGRESS);

    store.complete("a");

    assertThat(store.claim("a")).isEqualTo(HANDLED);
    assertThat(store.claim("b")).isEqualTo(ACQUIRED);
  }

  @Test
  void releasedClaimLetsTheRetryThrough() {
    store.claim("a");
    store.release("a");

    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
  }

  @Test
  void releaseDoesNotForgetAHandledId() {
    store.claim("a");
    store.complete("a");

    store.release("a");

    assertThat(store.claim("a")).isEqualTo(HANDLED);
  }

  @Test
  void handledIdsAreForgottenAfterTheTtl() {
    store.claim("a");
    store.complete("a");
    clock.advance(Duration.ofMinutes(59));
    assertThat(store.claim("a")).isEqualTo(HANDLED);

    clock.advance(Duration.ofMinutes(1));

    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aClaimNeverCompletedLapsesAfterTheTtl() {
    store.claim("a");
    clock.advance(Duration.ofHours(1));

    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
  }

  @Test
  void oldestIdsAreDroppedBeyondMaxEntries() {
    store.claim("a");
    store.claim("b");
    store.claim("c");
    store.claim("d");

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
    assertThat(store.claim("d")).isEqualTo(IN_PROGRESS);
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> SeenStore.inMemory(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl <= 0: PT0S");
    assertThatThrownBy(() -> SeenStore.inMemory(Duration.ofHours(1), clock, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries <= 0: 0");
  }
}
