package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.testkit.EventSyncSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events-log connector on a real broker and Connect worker, exactly once, with ties. */
@Timeout(180)
class PuroEventLogSourceConnectorIT {
  @RegisterExtension static final ConnectEnvironment ENV = new ConnectEnvironment();

  @Test
  void everyRowOnceThoughAThousandShareOneCreatedAtAndTheTaskRestartsAmidTies() throws Exception {
    Instant tie = Instant.parse("2026-03-01T10:00:00Z");
    ENV.sandbox().appendLogRows(50, tie.minusSeconds(60), false, "TRANSACTION_STATUS_CHANGE");
    ENV.sandbox().appendLogRows(1_000, tie, true, "TRANSACTION_STATUS_CHANGE");
    ENV.cluster().createTopic("puro.events");
    String rest = ENV.cluster().startWorker("puro");
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", PuroEventLogSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("exactly.once.support", "required");
    config.put("puro.base.url", ENV.sandbox().url());
    config.put("puro.token", EventSyncSandbox.DEV_TOKEN);
    config.put("puro.page.size", "100");
    config.put("poll.interval.ms", "200");
    ConnectCluster.putConnector(rest, "puro", config);
    ConnectCluster.awaitRunning(rest, "puro", 1, Duration.ofSeconds(60));

    List<String> ids = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = ENV.cluster().consumer("puro.events")) {
      readUntil(consumer, ids, 1_050);
      // More rows on the same createdAt after a restart: the offset's seen ids let it go on there.
      restartTask(rest);
      ENV.sandbox().appendLogRows(200, tie, true, "TRANSACTION_STATUS_CHANGE");
      ENV.sandbox().appendLogRows(10, tie.plusSeconds(1), false, "TRANSACTION_STATUS_CHANGE");
      readUntil(consumer, ids, 1_260);
      consumer.poll(Duration.ofSeconds(2)).forEach(r -> ids.add(r.key())); // a repeat would show
    }
    assertThat(ids).hasSize(1_260);
    assertThat(new HashSet<>(ids)).hasSize(1_260);
  }

  private static void readUntil(
      KafkaConsumer<String, String> consumer, List<String> ids, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ids.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        ids.add(record.key());
      }
    }
    assertThat(ids).as("records read").hasSizeGreaterThanOrEqualTo(count);
  }

  private static void restartTask(String rest) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(rest + "connectors/puro/tasks/0/restart"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    ConnectCluster.awaitRunning(rest, "puro", 1, Duration.ofSeconds(60));
  }
}
