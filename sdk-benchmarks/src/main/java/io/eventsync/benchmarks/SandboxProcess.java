package io.eventsync.benchmarks;

import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The sandbox in a child JVM of its own (the standalone {@link EventSyncSandbox#main}), so that a
 * benchmark's heap holds only the client side: the rows the sandbox keeps and the pages it writes
 * are not charged to the code measured. Driven through the admin surface.
 */
final class SandboxProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("eventsync sandbox listening on (http://\\S+)");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Process process;
  private final Path log;
  private final String url;

  private SandboxProcess(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** Starts {@code java -Xmx<heap> -cp <this JVM's class path> EventSyncSandbox}. */
  static SandboxProcess start(String heap) throws IOException, InterruptedException {
    return start(heap, List.of());
  }

  /**
   * Starts {@code java -Xmx<heap> -cp <this JVM's class path> EventSyncSandbox <options>}, the
   * options being those of the standalone sandbox's command line (e.g. {@code --max-queues 1000}).
   */
  static SandboxProcess start(String heap, List<String> options)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("eventsync-bench-sandbox", ".log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EventSyncSandbox.class.getName());
    command.addAll(options);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new SandboxProcess(process, log, m.group(1));
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IOException(
        "the sandbox child did not start: " + Files.readString(log, StandardCharsets.UTF_8));
  }

  String url() {
    return url;
  }

  /** The child's process id (for {@code jcmd}, {@code top -p}). */
  long pid() {
    return process.pid();
  }

  /** GETs {@code /_sandbox/<path>} and returns the answer's body. */
  String adminGet(OkHttpClient http, String path) throws IOException {
    Request request = new Request.Builder().url(url + "/_sandbox/" + path).build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException("admin " + path + ": HTTP " + response.code() + " " + body);
      }
      return body;
    }
  }

  /** POSTs {@code json} to {@code /_sandbox/<path>} and returns the answer's body. */
  String admin(OkHttpClient http, String path, String json) throws IOException {
    Request request =
        new Request.Builder()
            .url(url + "/_sandbox/" + path)
            .post(RequestBody.create(json, JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException("admin " + path + ": HTTP " + response.code() + " " + body);
      }
      return body;
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}
