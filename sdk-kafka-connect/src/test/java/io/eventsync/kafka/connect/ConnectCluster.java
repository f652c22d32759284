package io.eventsync.kafka.connect;

import com.squareup.moshi.Moshi;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka for the tests: one KRaft broker in this JVM and Connect workers in distributed mode
 * with exactly-once source support, in this JVM or in child JVMs (which a test can kill).
 */
final class ConnectCluster {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final com.squareup.moshi.JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class);

  private final KafkaClusterTestKit kafka;
  private final String bootstrap;
  private final List<Connect<?>> inProcess = new ArrayList<>();
  private final List<Process> children = new ArrayList<>();
  private final Path dir;

  private ConnectCluster(KafkaClusterTestKit kafka, Path dir) {
    this.kafka = kafka;
    this.bootstrap = kafka.bootstrapServers();
    this.dir = dir;
  }

  /** Starts the broker. Connect's exit and halt calls throw instead of ending the test JVM. */
  static ConnectCluster start() throws Exception {
    Exit.setExitProcedure(
        (code, msg) -> {
          throw new IllegalStateException("exit " + code + ": " + msg);
        });
    Exit.setHaltProcedure(
        (code, msg) -> {
          throw new IllegalStateException("halt " + code + ": " + msg);
        });
    Path dir = Files.createDirectories(Path.of("target", "kafka"));
    Path base = Files.createTempDirectory(dir, "broker-");
    KafkaClusterTestKit kafka =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setBaseDirectory(base.toAbsolutePath())
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    return new ConnectCluster(kafka, dir);
  }

  String bootstrap() {
    return bootstrap;
  }

  private Map<String, String> workerProps(String group) {
    Map<String, String> w = new HashMap<>();
    w.put("bootstrap.servers", bootstrap);
    w.put("group.id", group);
    w.put("config.storage.topic", group + "-configs");
    w.put("offset.storage.topic", group + "-offsets");
    w.put("status.storage.topic", group + "-status");
    w.put("config.storage.replication.factor", "1");
    w.put("offset.storage.replication.factor", "1");
    w.put("status.storage.replication.factor", "1");
    w.put("offset.storage.partitions", "1");
    w.put("status.storage.partitions", "1");
    w.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    w.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    w.put("plugin.discovery", "service_load");
    w.put("exactly.once.source.support", "enabled");
    w.put("offset.flush.interval.ms", "1000");
    w.put("scheduled.rebalance.max.delay.ms", "3000");
    w.put("session.timeout.ms", "6000");
    w.put("heartbeat.interval.ms", "1000");
    return w;
  }

  /** Starts a worker in this JVM and returns its REST URL once it answers. */
  String startWorker(String group) throws Exception {
    Map<String, String> w = workerProps(group);
    w.put("listeners", "http://127.0.0.1:0");
    Connect<?> connect = new ConnectDistributed().startConnect(w);
    inProcess.add(connect);
    String rest = connect.rest().advertisedUrl().toString();
    awaitGet(rest + "connectors", body -> true, Duration.ofSeconds(60));
    return rest;
  }

  /** Starts a worker in a child JVM and returns it; {@link #restOf} gives its REST URL. */
  Process startChildWorker(String group, String name) throws Exception {
    return startChildWorker(group, name, System.getProperty("java.class.path"), Map.of());
  }

  /**
   * Starts a worker in a child JVM with {@code classPath} and extra worker settings, and returns
   * it.
   */
  Process startChildWorker(
      String group, String name, String classPath, Map<String, String> settings) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> w = workerProps(group);
    w.put("listeners", "http://127.0.0.1:" + port);
    w.putAll(settings);
    Properties props = new Properties();
    props.putAll(w);
    File file = dir.resolve(name + ".properties").toFile();
    try (var out = Files.newOutputStream(file.toPath())) {
      props.store(out, "child worker " + name);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.logFile=" + dir.resolve(name + ".log"),
                "-cp",
                classPath,
                ConnectDistributed.class.getName(),
                file.getPath())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .start();
    children.add(process);
    childRest.put(process, "http://127.0.0.1:" + port + "/");
    return process;
  }

  private final Map<Process, String> childRest = new HashMap<>();

  String restOf(Process child) {
    return childRest.get(child);
  }

  /** Waits until the worker at {@code rest} answers. */
  static void awaitReady(String rest) throws Exception {
    awaitGet(rest + "connectors", body -> true, Duration.ofSeconds(90));
  }

  /** Creates a topic with one partition. */
  void createTopic(String name) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
  }

  /** Returns a consumer of committed records only, from the beginning. */
  KafkaConsumer<String, String> consumer(String topic) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + System.nanoTime());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Creates or updates connector {@code name} with {@code config}. */
  static void putConnector(String rest, String name, Map<String, String> config) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(rest + "connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.toJson(config)))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "PUT connector " + name + ": " + response.statusCode() + " " + response.body());
    }
  }

  /** Returns the connector's status as JSON maps, or null while it has none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> status(String rest, String name) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(rest + "connectors/" + name + "/status"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? (Map<String, Object>) JSON.fromJson(response.body())
        : null;
  }

  /** Returns the workers of the connector's RUNNING tasks, by task id; empty while none runs. */
  @SuppressWarnings("unchecked")
  static Map<Integer, String> runningTasks(String rest, String name) throws Exception {
    Map<String, Object> status = status(rest, name);
    Map<Integer, String> running = new HashMap<>();
    if (status == null) {
      return running;
    }
    for (Object task : (List<Object>) status.getOrDefault("tasks", List.of())) {
      Map<String, Object> t = (Map<String, Object>) task;
      if ("RUNNING".equals(t.get("state"))) {
        running.put(((Number) t.get("id")).intValue(), (String) t.get("worker_id"));
      } else if ("FAILED".equals(t.get("state"))) {
        throw new IllegalStateException("task failed: " + t.get("trace"));
      }
    }
    return running;
  }

  /** Waits until {@code count} tasks of the connector are RUNNING; returns their workers. */
  static Map<Integer, String> awaitRunning(String rest, String name, int count, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<Integer, String> running = runningTasks(rest, name);
      if (running.size() == count) {
        return running;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "connector " + name + " has not " + count + " running tasks: " + status(rest, name));
      }
      Thread.sleep(200);
    }
  }

  private static String awaitGet(String url, Predicate<String> done, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && done.test(response.body())) {
          return response.body();
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no answer from " + url + " in " + timeout, last);
  }

  /** Kills the child workers, stops the others and the broker. */
  void stop() throws Exception {
    for (Process child : children) {
      child.destroyForcibly().waitFor();
    }
    for (Connect<?> connect : inProcess) {
      connect.stop();
      connect.awaitStop();
    }
    kafka.close();
    Exit.resetExitProcedure();
    Exit.resetHaltProcedure();
  }
}
