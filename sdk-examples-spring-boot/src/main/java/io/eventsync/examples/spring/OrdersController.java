package io.eventsync.examples.spring;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders}: how many orders were stored, and how many distinct ones. */
@RestController
class OrdersController {
  private final JdbcTemplate jdbc;

  OrdersController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/orders")
  Map<String, Object> orders() {
    return jdbc.queryForMap(
        "select count(*) as stored, count(distinct event_id) as distinct_orders from orders_seen");
  }
}
