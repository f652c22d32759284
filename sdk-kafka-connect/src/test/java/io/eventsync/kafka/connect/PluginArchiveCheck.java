package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin archive that {@code mvn package} built, installed on a worker's {@code plugin.path}:
 * the worker (a child JVM with Kafka's jars only, none of the connector's) loads the connector in
 * its own class loader and runs it. Runs in the {@code package} phase, after the archive is made.
 */
@Timeout(180)
class PluginArchiveCheck {
  /** The connector's classes and dependencies: they must come from the archive alone. */
  private static final Pattern NOT_ON_WORKER_PATH =
      Pattern.compile(
          ".*(/target/(test-)?classes|eventsync-|okhttp|okio|moshi|kotlin|resilience4j"
              + "|annotations-13|mockwebserver|junit|assertj|opentest4j|apiguardian).*");

  @Test
  void theArchiveOnPluginPathRunsTheQueueConnectorExactlyOnce() throws Exception {
    assumeTrue(
        Boolean.getBoolean("eventsync.pluginArchiveCheck"),
        "runs in the package phase only, once the archive is built");
    Path plugins = unzip(archive(), Path.of("target", "plugins"));
    String workerPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !NOT_ON_WORKER_PATH.matcher(entry.replace('\\', '/')).matches())
            .collect(Collectors.joining(File.pathSeparator));

    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().build()) {
      EventQueueApi api = client.eventQueue();
      String queue = api.createQueue("q").code();
      api.withCredentials(Credentials.bearer(sandbox.mintSellerToken("seller")))
          .subscribe(queue, EventType.ORDER_STATUS_UPDATED);
      sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", "seller", null, 120);

      ConnectCluster cluster = ConnectCluster.start();
      try {
        cluster.createTopic("tiki.events");
        Process worker =
            cluster.startChildWorker(
                "archive",
                "worker-archive",
                workerPath,
                Map.of(
                    "plugin.path",
                    plugins.toAbsolutePath().toString(),
                    "plugin.discovery",
                    "service_load"));
        String rest = cluster.restOf(worker);
        ConnectCluster.awaitReady(rest);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", TikiQueueSourceConnector.class.getName());
        config.put("exactly.once.support", "required");
        config.put("tiki.base.url", sandbox.url());
        config.put("tiki.token", EventSyncSandbox.DEV_TOKEN);
        config.put("tiki.queues", queue);
        config.put("poll.interval.ms", "100");
        ConnectCluster.putConnector(rest, "archive", config);
        ConnectCluster.awaitRunning(rest, "archive", 1, Duration.ofSeconds(90));

        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = cluster.consumer("tiki.events")) {
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (keys.size() < 120 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
          }
          consumer.poll(Duration.ofSeconds(1)).forEach(r -> keys.add(r.key()));
        }
        assertThat(keys).hasSize(120).doesNotHaveDuplicates();
      } finally {
        cluster.stop();
      }
    }
  }

  private static Path archive() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-plugin.zip"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no plugin archive in target/: run mvn package"));
    }
  }

  private static Path unzip(Path zip, Path into) throws IOException {
    Path root = null;
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new AssertionError("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (root == null) {
          root = into.resolve(entry.getName().split("/")[0]);
        }
      }
    }
    assertThat(root.resolve("manifest.json")).exists();
    try (Stream<Path> libs = Files.list(root.resolve("lib"))) {
      assertThat(libs.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("eventsync-kafka-connect-"))
          .anyMatch(n -> n.startsWith("eventsync-core-"))
          .noneMatch(n -> n.startsWith("kafka") || n.startsWith("connect-"));
    }
    return into;
  }
}
