package io.eventsync.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.sun.net.httpserver.HttpServer;
import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.Queue;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a typed call: {@code client.eventQueue().listQueues()} against the same GET made with
 * OkHttp and decoded with Moshi by hand, over loopback. Two servers: the sandbox (which routes,
 * checks the token and writes the JSON on every request) and a fixed-answer JDK {@code HttpServer}
 * serving the sandbox's answer as bytes, where the server's share of the latency is smallest and
 * the client's overhead shows most.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CallOverheadBenchmark {
  static final String PATH = "/integration/v1/queues";

  /** The server, with three queues, and both clients. */
  @State(Scope.Benchmark)
  public static class Server {
    /** {@code sandbox} or {@code fixed}. */
    @Param({"sandbox", "fixed"})
    public String server;

    EventSyncSandbox sandbox;
    HttpServer fixed;
    EventSyncClient client;
    OkHttpClient http;
    JsonAdapter<List<RawQueue>> adapter;
    HttpUrl queuesUrl;

    @Setup(Level.Trial)
    public void start() throws IOException {
      sandbox = EventSyncSandbox.start();
      http = new OkHttpClient();
      String base = sandbox.url();
      try (EventSyncClient setup = sandbox.clientBuilder().build()) {
        for (String name : List.of("orders", "products", "inventory")) {
          setup.eventQueue().createQueue(name);
        }
      }
      byte[] answer = get(HttpUrl.get(base + PATH)).getBytes(StandardCharsets.UTF_8);
      // The raw client starts measuring with an empty pool, as the SDK's client does: an idle
      // connection left from this setup call would change how OkHttp schedules its pool cleanup
      // (a wake-up of its TaskRunner thread after nearly every call when the pool holds only the
      // connection in use, none while another idle connection is pooled) for the raw client alone.
      http.connectionPool().evictAll();
      if (server.equals("fixed")) {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs
        // (40 ms a request); the sandbox sets it too. Read once, when the server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        fixed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fixed.createContext(
            PATH,
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
              exchange.sendResponseHeaders(200, answer.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
              }
            });
        fixed.start();
        base = "http://127.0.0.1:" + fixed.getAddress().getPort();
      } else if (!server.equals("sandbox")) {
        throw new IllegalArgumentException("server must be sandbox or fixed: " + server);
      }
      client =
          EventSyncClient.builder()
              .baseUrl(base)
              .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
              .build();
      adapter =
          new Moshi.Builder()
              .build()
              .adapter(Types.newParameterizedType(List.class, RawQueue.class));
      queuesUrl = HttpUrl.get(base + PATH);
    }

    private String get(HttpUrl url) throws IOException {
      Request request =
          new Request.Builder()
              .url(url)
              .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
              .build();
      try (Response response = http.newCall(request).execute()) {
        return response.body().string();
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      client.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      if (fixed != null) {
        fixed.stop(0);
      }
      sandbox.close();
    }
  }

  /** The SDK's typed call. */
  @Benchmark
  public List<Queue> eventsyncListQueues(Server s) {
    return s.client.eventQueue().listQueues();
  }

  /** The same GET with OkHttp, decoded with Moshi into a record by hand. */
  @Benchmark
  public List<RawQueue> rawOkHttpMoshi(Server s) throws IOException {
    Request request =
        new Request.Builder()
            .url(s.queuesUrl)
            .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
            .build();
    try (Response response = s.http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("list queues failed: HTTP " + response.code());
      }
      return s.adapter.fromJson(response.body().source());
    }
  }

  /** A queue as a hand-written call would model it. */
  public record RawQueue(String code, String name, String status) {}
}
