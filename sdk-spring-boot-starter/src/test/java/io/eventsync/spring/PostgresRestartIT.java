package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * cursor-store jdbc on the app's PostgreSQL: the context is closed mid-stream (a listener call is
 * in flight when the close begins) and a new one is started on the same database; every event's
 * effect exists exactly once. The effects table has no unique key, so a duplicate would show.
 */
@Timeout(120)
class PostgresRestartIT {
  static final int EVENTS = 200;

  /** Handled events after which the first context's listener waits for the close to begin. */
  static volatile int holdAfter;

  static volatile CountDownLatch closing;

  static final AtomicInteger CALLS = new AtomicInteger();

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }

    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    Effects effects(JdbcTemplate jdbc) {
      return new Effects(jdbc);
    }

    @Bean
    ApplicationListener<ContextClosedEvent> closingSignal() {
      return event -> closing.countDown();
    }
  }

  static class Effects {
    private final JdbcTemplate jdbc;

    Effects(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @EventSyncListener(stream = "orders")
    void apply(QueueEvent event) throws InterruptedException {
      if (CALLS.incrementAndGet() > holdAfter) {
        // a call in flight when the close begins: it finishes, and its effect commits with it
        assertThat(closing.await(30, TimeUnit.SECONDS)).as("the close began").isTrue();
      }
      jdbc.update("insert into effects (event_id) values (?)", event.id());
    }
  }

  @Test
  void closingTheContextMidStreamAndRestartingItAppliesEveryEffectExactlyOnce() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      JdbcTemplate db = new JdbcTemplate(dataSource);
      db.execute("create table effects (event_id varchar(100) not null)");
      String code;
      try (var client = sandbox.clientBuilder().build()) {
        EventQueueApi queue = client.eventQueue();
        code = queue.createQueue("restart").code();
        queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
      }
      List<String> ids =
          sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", EVENTS).stream()
              .map(PostgresRestartIT::id)
              .toList();
      ApplicationContextRunner runner =
          new ApplicationContextRunner()
              .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class))
              .withUserConfiguration(App.class)
              .withBean(DataSource.class, () -> dataSource)
              .withPropertyValues(
                  "eventsync.base-url=" + sandbox.url(),
                  "eventsync.credentials.token=" + EventSyncSandbox.DEV_TOKEN,
                  "eventsync.pollers.orders.queue-code=" + code,
                  "eventsync.pollers.orders.cursor-store=jdbc",
                  "eventsync.pollers.orders.idle-backoff=50ms");

      holdAfter = 60;
      closing = new CountDownLatch(1);
      runner.run(
          context ->
              Await.until(
                  Duration.ofSeconds(60), () -> CALLS.get() > holdAfter)); // one call is in flight
      long afterClose = count(db, "count(*)");
      assertThat(afterClose).as("closed mid-stream").isBetween(holdAfter + 1L, EVENTS - 1L);

      holdAfter = Integer.MAX_VALUE;
      closing = new CountDownLatch(1);
      runner.run(
          context -> Await.until(Duration.ofSeconds(60), () -> count(db, "count(*)") >= EVENTS));

      assertThat(count(db, "count(*)")).as("effects").isEqualTo(EVENTS);
      assertThat(count(db, "count(distinct event_id)")).as("distinct effects").isEqualTo(EVENTS);
      assertThat(db.queryForList("select event_id from effects", String.class))
          .containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  private static String id(Map<String, Object> event) {
    return (String) event.get("id");
  }

  private static long count(JdbcTemplate db, String what) {
    Long n = db.queryForObject("select " + what + " from effects", Long.class);
    return n == null ? 0 : n;
  }
}
