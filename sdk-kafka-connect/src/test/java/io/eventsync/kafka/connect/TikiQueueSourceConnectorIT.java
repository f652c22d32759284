package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue connector on a real broker and two Connect workers (one in this JVM, one a child JVM
 * that the test SIGKILLs mid-stream), exactly-once source support on, against the sandbox with
 * random faults.
 */
@Timeout(240)
class TikiQueueSourceConnectorIT {
  private static final int QUEUES = 10;
  private static final int EVENTS_PER_QUEUE = 2_000;
  private static final String TOPIC = "tiki.events";

  @RegisterExtension
  static final ConnectEnvironment ENV =
      new ConnectEnvironment(SandboxOptions.builder().batchSize(200).build());

  @Test
  void everyEventOnceInQueueOrderThoughAWorkerIsKilledAndTheApiFails() throws Exception {
    Map<String, List<String>> emitted = new LinkedHashMap<>(); // queue -> event ids, in order
    try (EventSyncClient client = ENV.sandbox().clientBuilder().build()) {
      EventQueueApi api = client.eventQueue();
      for (int q = 0; q < QUEUES; q++) {
        String seller = "seller-" + q;
        String code = api.createQueue("q" + q).code();
        api.withCredentials(Credentials.bearer(ENV.sandbox().mintSellerToken(seller)))
            .subscribe(code, EventType.ORDER_STATUS_UPDATED);
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> event :
            ENV.sandbox().emitTikiEvents("ORDER_STATUS_UPDATED", seller, null, EVENTS_PER_QUEUE)) {
          ids.add((String) event.get("id"));
        }
        emitted.put(code, ids);
      }
    }
    ENV.sandbox().chaos(0.2, 7);
    ENV.cluster().createTopic(TOPIC);
    String restA = ENV.cluster().startWorker("tiki");
    Process workerB = ENV.cluster().startChildWorker("tiki", "worker-b");
    ConnectCluster.awaitReady(ENV.cluster().restOf(workerB));

    Map<String, String> config = new HashMap<>();
    config.put("connector.class", TikiQueueSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("exactly.once.support", "required");
    config.put("tiki.base.url", ENV.sandbox().url());
    config.put("tiki.token", EventSyncSandbox.DEV_TOKEN);
    config.put("tiki.queues", String.join(",", emitted.keySet()));
    config.put("key", "event_id");
    config.put("poll.interval.ms", "100");
    ConnectCluster.putConnector(restA, "tiki", config);
    Map<Integer, String> workers =
        ConnectCluster.awaitRunning(restA, "tiki", 2, Duration.ofSeconds(90));
    assertThat(Set.copyOf(workers.values())).as("one task per worker").hasSize(2);

    int total = QUEUES * EVENTS_PER_QUEUE;
    String workerIdB = ENV.cluster().restOf(workerB).replaceAll("^http://|/$", "");
    assertThat(workers.values()).as("worker B runs a task").contains(workerIdB);
    Map<String, List<String>> read = new HashMap<>();
    int count = 0;
    int countAtKill = -1;
    try (KafkaConsumer<String, String> consumer = ENV.cluster().consumer(TOPIC)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          read.computeIfAbsent(header(record, "eventsync.queue"), q -> new ArrayList<>())
              .add(header(record, "eventsync.id"));
          count++;
        }
        if (countAtKill < 0 && count >= total / 4) {
          workerB.destroyForcibly().waitFor(); // SIGKILL: no shutdown, no final commit
          countAtKill = count;
          awaitBothTasksOn(restA, workerIdB);
        }
        if (count >= total && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // duplicates would show
        }
      }
    }
    assertThat(countAtKill).as("records read when worker B was killed").isBetween(1, total - 1);
    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(emitted.keySet());
    for (Map.Entry<String, List<String>> queue : emitted.entrySet()) {
      List<String> got = read.get(queue.getKey());
      assertThat(new HashSet<>(got)).as("distinct ids of " + queue.getKey()).hasSize(got.size());
      assertThat(got).as("queue " + queue.getKey()).containsExactlyElementsOf(queue.getValue());
    }
    assertThat(count).isEqualTo(total);
    assertThat(ENV.sandbox().stats().faultsByKind()).as("faults were injected").isNotEmpty();
  }

  private static void awaitBothTasksOn(String rest, String deadWorker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      Map<Integer, String> running = ConnectCluster.runningTasks(rest, "tiki");
      if (running.size() == 2 && !running.containsValue(deadWorker)) {
        return;
      }
      assertThat(System.nanoTime()).as("tasks moved off the killed worker").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
