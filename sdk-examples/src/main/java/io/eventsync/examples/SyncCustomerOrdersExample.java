package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.InvoicePaymentInstructions;
import io.eventsync.orders.OrderItem;
import io.eventsync.orders.PublishStats;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetterSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Migrates customer orders to Hii Retail with the ordered publisher: each order's updates in order,
 * several orders at once, resumable after a crash, failures dead-lettered. Environment: {@code
 * EVENTSYNC_BASE_URL}, {@code EVENTSYNC_TOKEN}, {@code EVENTSYNC_STATE_DIR} (default {@code
 * ./state}).
 */
public final class SyncCustomerOrdersExample {
  private SyncCustomerOrdersExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv())) {
      Path state = Path.of(System.getenv().getOrDefault("EVENTSYNC_STATE_DIR", "state"));
      Stream<CustomerOrderUpdate> updates =
          IntStream.range(0, 50).mapToObj(i -> CustomerOrderUpdate.of("store-1", order(i), 1));
      PublishStats stats = syncCustomerOrders(env.client(), updates, state);
      System.out.printf(
          "%d sent, %d dead-lettered, %.0f per second%n",
          stats.sent(), stats.failed(), stats.perSecond());
    }
  }

  /**
   * Publishes {@code updates} with 8 in flight; resumes from, and checkpoints in, {@code state}.
   */
  public static PublishStats syncCustomerOrders(
      EventSyncClient client, Stream<CustomerOrderUpdate> updates, Path state) {
    return client.customerOrders().publisher().concurrency(8).stream("orders-migration")
        .cursorStore(CursorStore.file(state))
        .deadLetterSink(DeadLetterSink.file(state.resolve("orders.dlq.jsonl")))
        .listener(s -> System.out.printf("  %d sent, %d failed%n", s.sent(), s.failed()))
        .build()
        .publish(updates);
  }

  static CustomerOrder order(int i) {
    return CustomerOrder.builder("order-" + i, "customer-" + i, CustomerOrderStatus.CREATED)
        .item(OrderItem.of("item-" + i, 1, new BigDecimal("9.90")))
        .invoicePaymentInstructions(
            new InvoicePaymentInstructions("account-" + i, new BigDecimal("9.90"), List.of()))
        .build();
  }
}
