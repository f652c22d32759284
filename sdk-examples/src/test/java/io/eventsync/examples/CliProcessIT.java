package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookSigner;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a real child process: started, killed, restarted. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CliProcessIT {
  @TempDir Path dir;

  private static Process cli(Path output, String... args) throws IOException {
    return cli(output, null, args);
  }

  /** Starts the command line; stdout and stderr go to these files, or to pipes when null. */
  private static Process cli(Path output, Path errors, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(mainFirstClassPath());
    command.add(EventSyncCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (output != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    }
    if (errors != null) {
      builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
    }
    return builder.start();
  }

  /**
   * The test class path with target/classes before target/test-classes, so that the child process
   * logs as the command line does (src/main/resources/simplelogger.properties), not as the tests.
   */
  private static String mainFirstClassPath() {
    List<String> entries =
        new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    entries.sort(
        Comparator.comparing((String entry) -> !entry.endsWith("classes"))
            .thenComparing(entry -> entry.endsWith("test-classes")));
    return String.join(File.pathSeparator, entries);
  }

  private static String stderrOf(Process process) throws Exception {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static List<String> ids(Path output) throws IOException {
    return Files.readAllLines(output).stream()
        .filter(line -> line.startsWith("{"))
        .map(line -> line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
        .collect(Collectors.toList());
  }

  @Test
  void queueTailKilledMidStreamAndRestartedLosesNothingAndKeepsOrder() throws Exception {
    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().build()) {
      String queue = client.eventQueue().createQueue("kill").code();
      client.eventQueue().subscribe(queue, EventType.PRODUCT_INVENTORY_UPDATED);
      List<String> emitted =
          sandbox.emitTikiEvents("PRODUCT_INVENTORY_UPDATED", 3_000).stream()
              .map(e -> (String) e.get("id"))
              .collect(Collectors.toList());
      Path output = dir.resolve("out.jsonl");
      String[] args = {
        "queue",
        "tail",
        "--base-url",
        sandbox.url(),
        "--token",
        EventSyncSandbox.DEV_TOKEN,
        "--queue",
        queue,
        "--cursor-file",
        dir.resolve("cursor.json").toString(),
        "--idle-backoff",
        "PT0.05S"
      };
      Random random = new Random(5);
      for (int kill = 0; kill < 4; kill++) {
        Process tail = cli(output, args);
        int target = Math.min(emitted.size(), ids(output).size() + 200 + random.nextInt(600));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ids(output).size() < target && System.nanoTime() < deadline && tail.isAlive()) {
          Thread.sleep(10); // waiting for output, not for a backoff
        }
        tail.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Process last = cli(output, args);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (new LinkedHashSet<>(ids(output)).size() < emitted.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      last.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      List<String> printed = ids(output);
      List<String> union = new ArrayList<>(new LinkedHashSet<>(printed));
      assertThat(union).containsExactlyElementsOf(emitted); // complete, and in order
      assertThat(printed.size() - union.size())
          .isLessThanOrEqualTo(4 * 50); // only batches in flight
    }
  }

  @Test
  void sandboxCommandRunsAloneAndPrintsItsUrlAndCredentials() throws Exception {
    Process sandbox = cli(null, "sandbox", "--port", "0", "--seed", "7");
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).matches("eventsync sandbox listening on http://\\S+:\\d+");
      assertThat(out.readLine()).contains("sandbox-token");
      String url = first.substring(first.lastIndexOf(' ') + 1);
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/_sandbox/stats")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
    } finally {
      sandbox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void webhooksListenPrintsVerifiedPayloadsAndAnswers401ToBadSignatures() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    Path output = dir.resolve("listen.out");
    Process listen = cli(output, "webhooks", "listen", "--port", "0", "--secret", secret.reveal());
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(listen.getErrorStream(), StandardCharsets.UTF_8))) {
      String line = err.readLine();
      assertThat(line).startsWith("eventsync webhooks listening on ");
      URI url = URI.create(line.substring("eventsync webhooks listening on ".length()));
      byte[] body =
          "{\"data\": {\"sku\": \"SKU-1\", \"qty_salable\": 3}}".getBytes(StandardCharsets.UTF_8);
      HttpClient http = HttpClient.newHttpClient();

      int good =
          post(http, url, body, WebhookSigner.of(SignatureScheme.TIKINOW, secret).sign(body));
      int bad =
          post(
              http,
              url,
              body,
              WebhookSigner.of(SignatureScheme.TIKINOW, WebhookSecret.generate()).sign(body));

      assertThat(good).isEqualTo(200);
      assertThat(bad).isEqualTo(401);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.readString(output).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(Files.readAllLines(output))
          .containsExactly("{\"data\":{\"sku\":\"SKU-1\",\"qty_salable\":3}}");
    } finally {
      listen.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRuntimeErrorIsSaidOnceNotAlsoAsALogWarning() throws Exception {
    try (EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      Path cursor = Files.writeString(dir.resolve("broken.cursor"), "{not json");

      Process tail =
          cli(
              null,
              "queue",
              "tail",
              "--base-url",
              sandbox.url(),
              "--token",
              EventSyncSandbox.DEV_TOKEN,
              "--queue",
              "q",
              "--cursor-file",
              cursor.toString());
      String err = stderrOf(tail);

      assertThat(tail.exitValue()).isEqualTo(1);
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("eventsync: ").contains("is corrupt");
    }
  }

  private static Process tailUntilKilled(String baseUrl, String queue, Path dir)
      throws IOException {
    return cli(
        dir.resolve("stopped.jsonl"),
        dir.resolve("stopped.err"),
        "queue",
        "tail",
        "--base-url",
        baseUrl,
        "--token",
        EventSyncSandbox.DEV_TOKEN,
        "--queue",
        queue,
        "--cursor-file",
        dir.resolve("stopped.cursor").toString(),
        "--idle-backoff",
        "50ms");
  }

  @Test
  void ctrlCSaysTheCursorIsStoredWhenNothingWasInFlight() throws Exception {
    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().build()) {
      String queue = client.eventQueue().createQueue("stop").code();
      client.eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
      sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", 20);
      Process tail = tailUntilKilled(sandbox.url(), queue, dir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ids(dir.resolve("stopped.jsonl")).size() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(10); // waiting for output
      }

      tail.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook closes the poller

      assertThat(tail.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // the tail polls every 50 ms, so the stop finds it idle or in a fetch of an empty queue,
      // which is cancelled: either way nothing printed is lost
      assertThat(Files.readString(dir.resolve("stopped.err")))
          .isIn(
              "eventsync: stopped after 20 events; the cursor is stored and nothing was"
                  + " abandoned\n",
              "eventsync: stopped after 20 events; the cursor is stored and the fetch in flight"
                  + " was cancelled (nothing of it was printed)\n");
    }
  }

  @Test
  void ctrlCDuringAHangingFetchSaysWhatWasAbandoned() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CountDownLatch accepted = new CountDownLatch(1);
      Thread acceptor =
          new Thread(
              () -> {
                List<Socket> held = new ArrayList<>();
                try {
                  while (true) {
                    held.add(silent.accept()); // accepts, never answers
                    accepted.countDown();
                  }
                } catch (IOException e) {
                  held.forEach(socket -> closeQuietly(socket));
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Process tail = tailUntilKilled("http://127.0.0.1:" + silent.getLocalPort(), "q", dir);
      assertThat(accepted.await(30, TimeUnit.SECONDS)).isTrue(); // the first fetch now hangs

      tail.destroy();

      assertThat(tail.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(dir.resolve("stopped.err")))
          .isEqualTo(
              "eventsync: stopped before any event; the fetch in flight was cancelled (nothing of"
                  + " it was printed)\n");
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // the test is over
    }
  }

  @Test
  void webhooksListenWithDedupePrintsARetriedDeliveryOnce() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    Path output = dir.resolve("dedupe.out");
    Process listen =
        cli(output, "webhooks", "listen", "--port", "0", "--secret", secret.reveal(), "--dedupe");
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(listen.getErrorStream(), StandardCharsets.UTF_8))) {
      String line = err.readLine();
      assertThat(line).startsWith("eventsync webhooks listening on ");
      URI url = URI.create(line.substring("eventsync webhooks listening on ".length()));
      byte[] body = "{\"data\": {\"sku\": \"SKU-2\"}}".getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, secret).sign(body);
      byte[] other = "{\"data\": {\"sku\": \"SKU-3\"}}".getBytes(StandardCharsets.UTF_8);
      HttpClient http = HttpClient.newHttpClient();

      assertThat(post(http, url, body, headers)).isEqualTo(200);
      assertThat(post(http, url, body, headers)).isEqualTo(200); // the sender's retry
      assertThat(
              post(http, url, other, WebhookSigner.of(SignatureScheme.TIKINOW, secret).sign(other)))
          .isEqualTo(200);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.readAllLines(output).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(Files.readAllLines(output))
          .containsExactly("{\"data\":{\"sku\":\"SKU-2\"}}", "{\"data\":{\"sku\":\"SKU-3\"}}");
    } finally {
      listen.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int post(HttpClient http, URI url, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
