package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.testkit.CustomerOrderRecord;
import io.eventsync.testkit.EventSyncSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The customer-orders sink on a real broker and Connect worker, against the ENV.sandbox(). */
@Timeout(180)
class HiiCustomerOrdersSinkConnectorIT {
  private static final int ORDERS = 1_000;
  private static final String BU = "bu-1";

  @RegisterExtension static final ConnectEnvironment ENV = new ConnectEnvironment();

  private static String update(int order, int version) {
    return "{\"businessUnitId\":\""
        + BU
        + "\",\"version\":"
        + version
        + ",\"customerOrder\":{\"customerOrderId\":\"order-"
        + order
        + "\",\"customerId\":\"customer-"
        + order
        + "\",\"status\":\"CREATED\",\"items\":[{\"itemId\":\"item-"
        + version
        + "\",\"quantityOrdered\":"
        + version
        + ",\"unitPrice\":9.5}]}}";
  }

  @Test
  void theNewestVersionOfEveryOrderLandsInOrderAndAPoisonRecordGoesToTheDeadLetterTopic()
      throws Exception {
    ENV.cluster().createTopic("orders");
    ENV.cluster().createTopic("orders-dlq");
    long started = System.nanoTime();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", ENV.cluster().bootstrap(), "linger.ms", "20"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int version = 1; version <= 2; version++) {
        for (int i = 0; i < ORDERS; i++) {
          producer.send(new ProducerRecord<>("orders", "order-" + i, update(i, version)));
          if (version == 1 && i == ORDERS / 2) {
            producer.send(new ProducerRecord<>("orders", "poison", "{\"businessUnitId\": 12"));
          }
        }
      }
    }
    ENV.sandbox().chaos(0.01, 3);
    String rest = ENV.cluster().startWorker("hii");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", HiiCustomerOrdersSinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics", "orders");
    config.put("hii.base.url", ENV.sandbox().url());
    config.put("hii.token", EventSyncSandbox.DEV_TOKEN);
    config.put("retry.backoff.ms", "100");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", "orders-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    ConnectCluster.putConnector(rest, "hii", config);
    ConnectCluster.awaitRunning(rest, "hii", 1, Duration.ofSeconds(60));

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!allAtVersion2() && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    System.out.printf(
        "sink: %d updates PUT in %d ms%n", 2 * ORDERS, (System.nanoTime() - started) / 1_000_000);
    for (int i = 0; i < ORDERS; i++) {
      CustomerOrderRecord order = ENV.sandbox().customerOrder(BU, "order-" + i);
      assertThat(order).as("order-" + i).isNotNull();
      assertThat(order.version()).as("version of order-" + i).isEqualTo(2L);
      assertThat(order.staleIgnored()).as("order-" + i + " updates arrived in order").isZero();
    }

    List<String> dead = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = ENV.cluster().consumer("orders-dlq")) {
      long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (dead.isEmpty() && System.nanoTime() < until) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          dead.add(record.key() + " " + record.value());
          assertThat(
                  new String(
                      record.headers().lastHeader("__connect.errors.exception.message").value(),
                      StandardCharsets.UTF_8))
              .contains("not JSON");
        }
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(r -> dead.add(r.key() + " " + r.value()));
    }
    assertThat(dead).containsExactly("poison {\"businessUnitId\": 12");
  }

  private static boolean allAtVersion2() {
    for (int i = ORDERS - 1; i >= 0; i--) {
      CustomerOrderRecord order = ENV.sandbox().customerOrder(BU, "order-" + i);
      if (order == null || !Long.valueOf(2).equals(order.version())) {
        return false;
      }
    }
    return true;
  }
}
