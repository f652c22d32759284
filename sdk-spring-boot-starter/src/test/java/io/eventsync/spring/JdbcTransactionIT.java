package io.eventsync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerState;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * cursor-store jdbc: the listener's writes (through a {@code @Transactional} service of a
 * DataSourceTransactionManager using JdbcTemplate) and the checkpoint commit in one transaction. A
 * listener that writes and then fails leaves no write behind and the cursor before the event; after
 * a restart the event is handled, and every effect exists exactly once.
 */
@Timeout(120)
class JdbcTransactionIT {
  static volatile String poisonId;

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
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
    Writer writer(JdbcTemplate jdbc) {
      return new Writer(jdbc);
    }

    @Bean
    Effects effects(Writer writer) {
      return new Effects(writer);
    }
  }

  /** A @Transactional service: it joins the listener's transaction instead of committing. */
  static class Writer {
    private final JdbcTemplate jdbc;

    Writer(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Transactional
    public void write(String eventId) {
      jdbc.update("insert into effects (event_id) values (?)", eventId);
    }
  }

  static class Effects {
    private final Writer writer;

    Effects(Writer writer) {
      this.writer = writer;
    }

    @EventSyncListener(stream = "orders")
    void apply(QueueEvent event) {
      writer.write(event.id());
      if (event.id().equals(poisonId)) {
        throw new IllegalStateException("refused after writing");
      }
    }
  }

  @Test
  void aListenersWritesAndTheCheckpointCommitTogetherSoEveryEffectHappensExactlyOnce()
      throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:effects;DB_CLOSE_DELAY=-1");
    JdbcTemplate db = new JdbcTemplate(h2);
    db.execute("create table effects (event_id varchar(100))");
    try (EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      String code;
      try (var client = sandbox.clientBuilder().build()) {
        EventQueueApi queue = client.eventQueue();
        code = queue.createQueue("tx").code();
        queue.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
      }
      List<Map<String, Object>> emitted = sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", 4);
      poisonId = (String) emitted.get(2).get("id");
      ApplicationContextRunner runner =
          new ApplicationContextRunner()
              .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class))
              .withUserConfiguration(App.class)
              .withBean(DataSource.class, () -> h2)
              .withPropertyValues(
                  "eventsync.base-url=" + sandbox.url(),
                  "eventsync.credentials.token=" + EventSyncSandbox.DEV_TOKEN,
                  "eventsync.pollers.orders.queue-code=" + code,
                  "eventsync.pollers.orders.cursor-store=jdbc",
                  "eventsync.pollers.orders.idle-backoff=50ms",
                  "eventsync.pollers.orders.retry.max-attempts=1");

      runner.run(
          context -> {
            Poller poller = context.getBean(EventSyncPollers.class).pollers().get("orders");
            Await.until(Duration.ofSeconds(30), () -> poller.state() == PollerState.HALTED);
            assertThat(effects(db))
                .as("the poison event's write was rolled back with its checkpoint")
                .containsExactlyInAnyOrder(id(emitted, 0), id(emitted, 1));
            assertThat(poller.checkpoint().doneIds()).doesNotContain(poisonId);
          });

      poisonId = null;
      runner.run(context -> Await.until(Duration.ofSeconds(30), () -> effects(db).size() >= 4));
      assertThat(effects(db))
          .as("every effect exactly once across the restart")
          .containsExactlyInAnyOrder(
              id(emitted, 0), id(emitted, 1), id(emitted, 2), id(emitted, 3));
    } finally {
      db.execute("drop table effects");
    }
  }

  private static String id(List<Map<String, Object>> emitted, int i) {
    return (String) emitted.get(i).get("id");
  }

  private static List<String> effects(JdbcTemplate db) {
    return db.queryForList("select event_id from effects order by event_id", String.class);
  }
}
