package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.ApiConnectionException;
import io.eventsync.ApiException;
import io.eventsync.AuthenticationException;
import io.eventsync.DecodingException;
import io.eventsync.InvalidRequestException;
import io.eventsync.NotFoundException;
import io.eventsync.PermissionException;
import io.eventsync.RateLimitException;
import io.eventsync.RetryPolicy;
import io.eventsync.ServerException;
import io.eventsync.auth.Credentials;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpCoreTest {
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private HttpCore core;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    core =
        HttpCore.create(
            http, Credentials.bearer("t0ken"), RetryPolicy.defaults(), clock, sleeper, "test/1");
  }

  @AfterEach
  void tearDown() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private Object get(String path) {
    return core.execute(ApiRequest.get(server.url(path)), ResponseReader.json(ANY, "test body"));
  }

  private Object post(String path, String json) {
    return core.execute(
        ApiRequest.json("POST", server.url(path), json, false),
        ResponseReader.json(ANY, "test body"));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void retriesOn503ThenSucceeds() throws Exception {
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, "{\"ok\": true}"));

    assertThat(get("/things")).isEqualTo(Map.of("ok", true));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sleeper.waits().get(0))
        .isBetween(Duration.ZERO, RetryPolicy.DEFAULT_INITIAL_BACKOFF);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
    assertThat(first.getHeaders().get("User-Agent")).isEqualTo("test/1");
  }

  @Test
  void honoursRetryAfterInSeconds() {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "2").body("{}").build());
    server.enqueue(json(200, "[]"));

    assertThat(get("/things")).isEqualTo(List.of());
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void honoursRetryAfterAsHttpDate() {
    String in7Seconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", in7Seconds).build());
    server.enqueue(json(200, "[]"));

    get("/things");

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterBeyondThePolicyCapFailsAtOnceWithTheRequestedWait() {
    server.enqueue(
        json(429, "{\"error\": \"rate_limited\"}")
            .newBuilder()
            .setHeader("Retry-After", "3600")
            .build());

    assertThatThrownBy(() -> get("/things"))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.getMessage()).contains("wait 3600 s");
            });
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void givesUpAfterMaxAttemptsAndReportsThem() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(500, "{\"message\": \"boom\"}"));
    }

    assertThatThrownBy(() -> get("/things"))
        .isInstanceOfSatisfying(
            ServerException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.getMessage())
                  .isEqualTo("HTTP 500 Server Error for GET /things: boom (after 4 attempts)");
            });
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits()).hasSize(3);
    assertThat(sleeper.waits().get(2)).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void postWhoseConnectionDiesAfterSendIsNotRetried() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{}"));

    assertThatThrownBy(() -> post("/queues", "{\"name\": \"q\"}"))
        .isInstanceOfSatisfying(
            ApiConnectionException.class,
            e -> assertThat(e.getMessage()).contains("may have reached the server"));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void getWhoseConnectionDiesAfterSendIsRetried() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{}"));

    assertThat(get("/things")).isEqualTo(Map.of());
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void postIsNotRetriedOn500ButIsOn503() {
    server.enqueue(json(500, "{}"));
    assertThatThrownBy(() -> post("/queues", "{}")).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);

    server.enqueue(json(503, "{}"));
    server.enqueue(json(201, "{\"code\": \"q1\"}"));
    assertThat(post("/queues", "{}")).isEqualTo(Map.of("code", "q1"));
  }

  @Test
  void connectFailureIsRetriedEvenForPost() throws Exception {
    int port = server.getPort();
    server.close();
    HttpCore noRetrySleep =
        HttpCore.create(
            http, null, RetryPolicy.builder().maxAttempts(2).build(), clock, sleeper, "test/1");

    assertThatThrownBy(
            () ->
                noRetrySleep.execute(
                    ApiRequest.json(
                        "POST",
                        okhttp3.HttpUrl.get("http://127.0.0.1:" + port + "/q"),
                        "{}",
                        false),
                    ResponseReader.status()))
        .isInstanceOfSatisfying(
            ApiConnectionException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(2);
              assertThat(e.getMessage()).contains("the request was not sent");
            });
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void truncatedBodyOfIdempotentCallIsRetried() {
    server.enqueue(json(200, "{\"events\": [1, 2"));
    server.enqueue(json(200, "{\"events\": [1, 2]}"));

    assertThat(get("/pull")).isEqualTo(Map.of("events", List.of(1.0, 2.0)));
  }

  @Test
  void wrongShapeOfABodyCutShortByTheConnectionIsRetriedAsAnIoFailure() {
    server.enqueue(
        new MockResponse.Builder()
            .body("{\"fault\": \"truncated\", \"padding\": \"" + "x".repeat(500) + "\"}")
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());
    server.enqueue(json(200, "[1]"));

    List<Integer> rows =
        core.execute(
            ApiRequest.get(server.url("/rows")),
            ResponseReader.json(Json.listAdapter(Integer.class), "rows"));

    assertThat(rows).containsExactly(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void wrongShapeJsonBecomesDecodingExceptionWithPath() {
    server.enqueue(json(200, "{\"access_token\": [1]}"));

    assertThatThrownBy(
            () ->
                core.execute(
                    ApiRequest.get(server.url("/token")),
                    ResponseReader.json(Json.adapter(TokenResponse.class), "token")))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> {
              assertThat(e.malformed()).isFalse();
              assertThat(e.path()).isEqualTo("$.access_token");
              assertThat(e.getMessage()).startsWith("GET /token: token: unexpected JSON shape");
            });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void mapsStatusesToTypedExceptionsWithVendorCodeAndRequestId() {
    server.enqueue(
        json(
            400,
            "{\"success\": false, \"error\": {\"status_code\": 400, \"message\": \"secret_key must be 32 characters\","
                + " \"message_code\": \"INVALID_SECRET\"}, \"meta_data\": {\"request_id\": \"0a1b2c\"}}"));
    assertThatThrownBy(() -> post("/business/v1/register-webhooks", "{}"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorCode()).isEqualTo("INVALID_SECRET");
              assertThat(e.requestId()).isEqualTo("0a1b2c");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "HTTP 400 Client Error for POST /business/v1/register-webhooks: secret_key must be 32"
                          + " characters (code INVALID_SECRET, request id 0a1b2c)");
            });

    server.enqueue(json(401, "{\"error\": \"invalid_token\", \"error_description\": \"expired\"}"));
    assertThatThrownBy(() -> get("/a"))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("invalid_token");
              assertThat(e.getMessage()).contains("expired").contains("check the credentials");
            });

    server.enqueue(
        json(403, "{\"errors\": [\"no EVENT_VIEWER role\"]}")
            .newBuilder()
            .setHeader("X-Request-Id", "req-9")
            .build());
    assertThatThrownBy(() -> get("/b"))
        .isInstanceOfSatisfying(
            PermissionException.class, e -> assertThat(e.requestId()).isEqualTo("req-9"));

    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "application/problem+json")
            .body(
                "{\"type\": \"https://example.com/not-found\", \"title\": \"Not Found\", \"status\": 404,"
                    + " \"detail\": \"queue 5a84 does not exist\"}")
            .build());
    assertThatThrownBy(() -> get("/c"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("https://example.com/not-found");
              assertThat(e.errorMessage()).isEqualTo("queue 5a84 does not exist");
            });

    RetryPolicy once = RetryPolicy.none();
    HttpCore noRetry = core.withRetryPolicy(once);
    server.enqueue(json(429, "{\"error\": {\"code\": \"TOO_MANY\", \"message\": \"slow down\"}}"));
    assertThatThrownBy(
            () -> noRetry.execute(ApiRequest.get(server.url("/d")), ResponseReader.status()))
        .isInstanceOfSatisfying(
            RateLimitException.class, e -> assertThat(e.errorCode()).isEqualTo("TOO_MANY"));

    server.enqueue(new MockResponse.Builder().code(500).body("<html>oops</html>").build());
    assertThatThrownBy(
            () -> noRetry.execute(ApiRequest.get(server.url("/e")), ResponseReader.status()))
        .isInstanceOfSatisfying(
            ServerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.body()).isEqualTo("<html>oops</html>");
            });
  }

  @Test
  void unauthorizedWithFixedTokenIsNotRetriedForever() {
    server.enqueue(json(401, "{}"));
    server.enqueue(json(401, "{}"));

    assertThatThrownBy(() -> get("/a")).isInstanceOf(ApiException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void garbledBodyThatStartsWithTheWrongShapeIsRetriedAsMalformed() {
    server.enqueue(json(200, "{\"a\": 1,, }"));
    server.enqueue(json(200, "[1]"));

    List<Integer> rows =
        core.execute(
            ApiRequest.get(server.url("/rows")),
            ResponseReader.json(Json.listAdapter(Integer.class), "rows"));

    assertThat(rows).containsExactly(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void wellFormedBodyOfTheWrongShapeIsNotMalformed() {
    server.enqueue(json(200, "{\"a\": [1, {\"b\": null}], \"c\": \"d\"}"));

    assertThatThrownBy(
            () ->
                core.execute(
                    ApiRequest.get(server.url("/rows")),
                    ResponseReader.json(Json.listAdapter(Integer.class), "rows")))
        .isInstanceOfSatisfying(DecodingException.class, e -> assertThat(e.malformed()).isFalse());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void callsThatEndedAreNoLongerTrackedWhateverTheirBody() {
    server.enqueue(json(200, "{\"declared\": \"length\"}"));
    server.enqueue(new MockResponse.Builder().chunkedBody("{\"chunked\": true}", 4).build());
    server.enqueue(json(503, "{}").newBuilder().setHeader("Retry-After", "0").build());
    server.enqueue(json(200, "{}"));

    get("/declared");
    get("/chunked");
    get("/retried");

    assertThat(core.cancelAndClose()).isZero();
  }
}
