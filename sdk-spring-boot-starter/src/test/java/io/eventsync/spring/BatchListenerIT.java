package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.eventlog.LogEvent;
import io.eventsync.testkit.EventSyncSandbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An events log poller whose listener method takes a List: every row arrives, in batches. */
@Timeout(60)
class BatchListenerIT {
  static final List<List<LogEvent>> BATCHES = new CopyOnWriteArrayList<>();

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    Rows rows() {
      return new Rows();
    }
  }

  static class Rows {
    @EventSyncListener(stream = "ledger")
    void onRows(List<LogEvent> rows) {
      BATCHES.add(List.copyOf(rows));
    }
  }

  @Test
  void aListListenerOnTheEventsLogGetsEveryRowInBatches() throws Exception {
    try (EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      sandbox.appendLogRows(7);
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class))
          .withUserConfiguration(App.class)
          .withPropertyValues(
              "eventsync.base-url=" + sandbox.url(),
              "eventsync.credentials.token=" + EventSyncSandbox.DEV_TOKEN,
              "eventsync.pollers.ledger.source=eventlog",
              "eventsync.pollers.ledger.cursor-store=memory",
              "eventsync.pollers.ledger.idle-backoff=50ms")
          .run(
              context -> {
                Await.until(Duration.ofSeconds(30), () -> rows() >= 7);
              });
      assertThat(rows()).isEqualTo(7);
      assertThat(BATCHES).allSatisfy(batch -> assertThat(batch).isNotEmpty());
    }
  }

  private static int rows() {
    return BATCHES.stream().mapToInt(List::size).sum();
  }
}
