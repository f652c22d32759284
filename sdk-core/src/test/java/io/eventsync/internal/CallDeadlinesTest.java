package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsync.ApiConnectionException;
import io.eventsync.RetryPolicy;
import io.eventsync.auth.Credentials;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The call timeout of the SDK's calls, kept by {@link CallDeadlines} instead of OkHttp's watchdog:
 * it ends a call that takes too long, whatever it waits for, with the failure OkHttp's own call
 * timeout gives, with one thread for all clients, gone once no call is in flight.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallDeadlinesTest {
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofSeconds(20))
          .callTimeout(Duration.ofMillis(400))
          .build();
  private HttpCore core;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    core =
        HttpCore.create(
            http,
            Credentials.bearer("t0ken"),
            RetryPolicy.none(),
            new MutableClock(Instant.parse("2026-12-01T06:00:00Z")),
            new RecordingSleeper(),
            "test/1");
  }

  @AfterEach
  void tearDown() {
    core.cancelAndClose();
    server.close();
    http.connectionPool().evictAll();
  }

  @Test
  void aCallWhoseAnswerDoesNotComeInTimeFailsAsOkHttpsCallTimeoutFailsIt() throws Exception {
    server.enqueue(json("{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
    server.enqueue(json("{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
    Throwable okHttps =
        catchThrowable(
            () -> http.newCall(new Request.Builder().url(server.url("/raw")).build()).execute());

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> get("/sdk"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(okHttps).isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
    assertThat(thrown)
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageStartingWith("GET /sdk failed: " + okHttps)
        .cause()
        .isInstanceOf(InterruptedIOException.class)
        .hasMessage("timeout");
  }

  @Test
  void aBodyThatTricklesPastTheTimeoutFailsTheCall() {
    server.enqueue(
        json("{\"padding\":\"" + "x".repeat(2_000) + "\"}")
            .newBuilder()
            .throttleBody(100, 100, TimeUnit.MILLISECONDS)
            .build());

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> get("/slow-body"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(thrown)
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageContaining(
            "failed while reading the response: java.io.InterruptedIOException: timeout");
  }

  @Test
  void callsThatEndInTimeAreNotCancelledAndTheThreadEndsWhenNoneIsInFlight() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(
          json("{\"n\":" + i + "}").newBuilder().bodyDelay(150, TimeUnit.MILLISECONDS).build());
    }

    for (int i = 0; i < 5; i++) { // together longer than the timeout, each well within it
      assertThat(get("/ok")).isNotNull();
    }

    assertThat(awaitNoDeadlineThread(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void closingTheClientCancelsItsCallAndTheThreadEndsOnceNoneIsInFlight() throws Exception {
    server.enqueue(json("{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
    Thread caller = new Thread(() -> catchThrowable(() -> get("/hanging")));
    caller.start();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

    core.cancelAndClose();
    caller.join(5_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(awaitNoDeadlineThread(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void manyClientsShareOneThreadAndAShorterTimeoutWakesIt() throws Exception {
    OkHttpClient patient = http.newBuilder().callTimeout(Duration.ofSeconds(20)).build();
    List<HttpCore> cores = new ArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // a hub's clients: each waits on a slow answer, within 20 s
      server.enqueue(json("{}").newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
      HttpCore client = core(patient);
      cores.add(client);
      Thread caller = new Thread(() -> get(client, "/patient"));
      callers.add(caller);
      caller.start();
    }
    for (int i = 0; i < 10; i++) {
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    }
    server.enqueue(json("{}").newBuilder().headersDelay(10, TimeUnit.SECONDS).build());

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> get("/impatient")); // 400 ms, shorter than the rest

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(thrown).cause().isInstanceOf(InterruptedIOException.class).hasMessage("timeout");
    assertThat(deadlineThreads()).isLessThanOrEqualTo(1);
    for (Thread caller : callers) {
      caller.join(10_000);
    }
    cores.forEach(HttpCore::cancelAndClose);
  }

  private HttpCore core(OkHttpClient client) {
    return HttpCore.create(
        client,
        Credentials.bearer("t0ken"),
        RetryPolicy.none(),
        new MutableClock(Instant.parse("2026-12-01T06:00:00Z")),
        new RecordingSleeper(),
        "test/1");
  }

  private static long deadlineThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals(CallDeadlines.THREAD_NAME))
        .count();
  }

  private Object get(String path) {
    return get(core, path);
  }

  private Object get(HttpCore client, String path) {
    return client.execute(
        ApiRequest.get(server.url(path)),
        ResponseReader.json(Json.moshi().adapter(Object.class), "test body"));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static boolean awaitNoDeadlineThread(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.isAlive() && t.getName().equals(CallDeadlines.THREAD_NAME))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
