package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.ApiConnectionException;
import io.eventsync.RetryPolicy;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallCancellerTest {
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(5)).build();
  private HttpCore core;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    core =
        HttpCore.create(
            http,
            null,
            RetryPolicy.defaults(),
            new MutableClock(Instant.parse("2026-11-24T10:00:00Z")),
            sleeper,
            "test/1");
  }

  @AfterEach
  void tearDown() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private Object get(CallCanceller canceller) {
    return canceller.run(
        () ->
            core.execute(
                ApiRequest.get(server.url("/hang")), ResponseReader.json(ANY, "test body")));
  }

  @Test
  void cancelEndsACallTheServerNeverAnswersAndItIsNotRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CallCanceller canceller = new CallCanceller();
    CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> get(canceller));
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

    canceller.cancel();

    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ApiConnectionException.class)
        .extracting(e -> ((ApiConnectionException) e).attempts())
        .isEqualTo(1); // cancelled: not retried
    assertThat(sleeper.waits()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aCallMadeAfterCancelIsCancelledAsItStarts() {
    CallCanceller canceller = new CallCanceller();
    canceller.cancel();

    assertThatThrownBy(() -> get(canceller))
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageStartingWith("GET /hang failed: java.io.IOException: Canceled")
        .extracting(e -> ((ApiConnectionException) e).attempts())
        .isEqualTo(1);
    assertThat(canceller.cancelled()).isTrue();
  }
}
