package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
  @Test
  void numberedThreadsAreDaemonsNamedAfterTheirOwnerInOrder() {
    ThreadFactory factory = DaemonThreads.numbered("eventsync-poller-orders");
    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});
    assertThat(first.getName()).isEqualTo("eventsync-poller-orders-1");
    assertThat(second.getName()).isEqualTo("eventsync-poller-orders-2");
    assertThat(first.isDaemon()).isTrue();
    assertThat(DaemonThreads.newThread(() -> {}, "x").isDaemon()).isTrue();
  }
}
