package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * lease-ttl with cursor-store jdbc on PostgreSQL: the poller polls under a JdbcLease in the app's
 * DataSource, and releases it when the context closes.
 */
@Timeout(120)
class PollerLeaseIT {
  static final List<String> HANDLED = new CopyOnWriteArrayList<>();

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    Listener listener() {
      return new Listener();
    }
  }

  static class Listener {
    @EventSyncListener(stream = "orders")
    void onEvent(QueueEvent event) {
      HANDLED.add(event.id());
    }
  }

  @Test
  void aLeasedPollerHandlesEveryEventAndReleasesTheLeaseWithTheContext() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      String code;
      try (var client = sandbox.clientBuilder().build()) {
        EventQueueApi queue = client.eventQueue();
        code = queue.createQueue("leased").code();
        queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
      }
      sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", 3);
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class))
          .withUserConfiguration(App.class)
          .withBean(DataSource.class, () -> dataSource)
          .withPropertyValues(
              "eventsync.base-url=" + sandbox.url(),
              "eventsync.credentials.token=" + EventSyncSandbox.DEV_TOKEN,
              "eventsync.pollers.orders.queue-code=" + code,
              "eventsync.pollers.orders.cursor-store=jdbc",
              "eventsync.pollers.orders.lease-ttl=10s",
              "eventsync.pollers.orders.idle-backoff=50ms")
          .run(
              context -> {
                Await.until(Duration.ofSeconds(30), () -> HANDLED.size() >= 3);
                assertThat(HANDLED).hasSize(3).doesNotHaveDuplicates();
                assertThat(holder(dataSource)).as("held while running").isNotNull();
              });
      assertThat(holder(dataSource)).as("released with the context").isNull();
    }
  }

  private static String holder(DataSource dataSource) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select holder from eventsync_leases where name = 'eventsync-orders'", String.class);
  }
}
