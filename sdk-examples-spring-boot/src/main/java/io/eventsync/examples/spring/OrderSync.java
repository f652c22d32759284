package io.eventsync.examples.spring;

import io.eventsync.queue.QueueEvent;
import io.eventsync.spring.EventSyncListener;
import io.eventsync.spring.EventSyncWebhookListener;
import io.eventsync.webhooks.WebhookPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The app's own code: each new order becomes a row, in the transaction that also commits the
 * poller's checkpoint (cursor-store jdbc), so every order is stored exactly once.
 */
@Component
class OrderSync {
  private static final Logger log = LoggerFactory.getLogger(OrderSync.class);

  private final JdbcTemplate jdbc;

  OrderSync(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventSyncListener(stream = "orders")
  void onOrder(QueueEvent event) {
    jdbc.update(
        "insert into orders_seen (event_id, seller, created_at) values (?, ?, ?)",
        event.id(),
        event.sid(),
        event.createdAt() == null ? null : java.sql.Timestamp.from(event.createdAt()));
  }

  @EventSyncWebhookListener(endpoint = "tikinow")
  void onWebhook(WebhookPayload payload) {
    log.info("TikiNOW webhook received: {}", payload.getClass().getSimpleName());
  }
}
