package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EventSyncCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (output != null) {
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    }
    return builder.start();
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

  private static int post(HttpClient http, URI url, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
