package io.eventsync.webhooks;

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
  void firstSightingIsNewAndTheSecondADuplicate() {
    assertThat(store.markSeen("a")).isTrue();
    assertThat(store.markSeen("a")).isFalse();
    assertThat(store.markSeen("b")).isTrue();
  }

  @Test
  void idsAreForgottenAfterTheTtl() {
    store.markSeen("a");
    clock.advance(Duration.ofMinutes(59));
    assertThat(store.markSeen("a")).isFalse();

    clock.advance(Duration.ofMinutes(1));

    assertThat(store.markSeen("a")).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void forgetLetsTheNextSightingThrough() {
    store.markSeen("a");
    store.forget("a");

    assertThat(store.markSeen("a")).isTrue();
  }

  @Test
  void oldestIdsAreDroppedBeyondMaxEntries() {
    store.markSeen("a");
    store.markSeen("b");
    store.markSeen("c");
    store.markSeen("d");

    assertThat(store.size()).isEqualTo(3);
    assertThat(store.markSeen("a")).isTrue();
    assertThat(store.markSeen("d")).isFalse();
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
