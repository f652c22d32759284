package io.eventsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.Credentials;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.ResponseReader;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventSyncClientTest {
  @Test
  void usesVendorHostsByDefaultAndOneBaseUrlForAllWhenSet() {
    try (EventSyncClient defaults = EventSyncClient.builder().build()) {
      assertThat(defaults.baseUrl(Api.EVENT_QUEUE)).isEqualTo("https://api.tiki.vn/");
      assertThat(defaults.baseUrl(Api.FULFILLMENT)).isEqualTo("https://api.tikinow.vn/");
    }
    try (EventSyncClient sandbox =
        EventSyncClient.builder()
            .baseUrl("http://localhost:8080")
            .baseUrl(Api.EVENT_LOG, "https://puro.example/v")
            .build()) {
      assertThat(sandbox.baseUrl(Api.CUSTOMER_ORDERS)).isEqualTo("http://localhost:8080/");
      assertThat(sandbox.baseUrl(Api.EVENT_LOG)).isEqualTo("https://puro.example/v");
    }
  }

  @Test
  void apiWithoutDocumentedHostFailsWithAClearMessageWhenUsedWithoutUrl() {
    try (EventSyncClient client = EventSyncClient.builder().build()) {
      assertThatThrownBy(() -> client.baseUrl(Api.EVENT_LOG))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "no base URL for the Puro.earth events log API: the vendor documents no default host;"
                  + " set one with EventSyncClient.builder().baseUrl(Api.EVENT_LOG, \"https://...\")"
                  + " or baseUrl(\"https://...\") for all APIs");
    }
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    EventSyncClient.Builder builder = EventSyncClient.builder();
    assertThatThrownBy(() -> builder.baseUrl("ftp://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl is not an http or https URL: \"ftp://x\"");
    assertThatThrownBy(() -> builder.readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout must not be negative but was PT-1S");
    assertThatThrownBy(() -> builder.credentials(null)).hasMessage("credentials == null");
    assertThatThrownBy(() -> builder.credentials(Api.EVENT_LOG, null))
        .hasMessage("credentials == null");
    assertThatThrownBy(() -> builder.userAgent("bad\nagent"))
        .hasMessage("userAgent suffix must be non-blank printable ASCII but was \"bad\nagent\"");
  }

  @Test
  void suppliedOkHttpClientIsNeverClosedAndGetsACallTimeout() throws Exception {
    OkHttpClient shared = new OkHttpClient();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
      server.start();
      EventSyncClient client =
          EventSyncClient.builder()
              .okHttpClient(shared)
              .baseUrl(server.url("/").toString())
              .userAgent("my-oms/2.1")
              .build();
      assertThat(client.core().http().callTimeoutMillis()).isEqualTo(60_000);
      client.core().execute(ApiRequest.get(server.url("/x")), ResponseReader.status());
      client.close();

      assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
      assertThat(server.takeRequest().getHeaders().get("User-Agent"))
          .isEqualTo("eventsync-java/" + EventSyncClient.VERSION + " my-oms/2.1");
    } finally {
      shared.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void ownClientIsClosedAndDerivedClientSharesItsPools() {
    EventSyncClient client =
        EventSyncClient.builder().connectTimeout(Duration.ofSeconds(3)).build();
    EventSyncClient derived = client.newBuilder().credentials(Credentials.bearer("other")).build();

    assertThat(derived.core().http().connectionPool())
        .isSameAs(client.core().http().connectionPool());
    assertThat(derived.core().http().connectTimeoutMillis()).isEqualTo(3_000);
    derived.close();
    assertThat(client.core().http().dispatcher().executorService().isShutdown()).isFalse();
    client.close();
    assertThat(client.core().http().dispatcher().executorService().isShutdown()).isTrue();
  }

  @Test
  void credentialsOfOneApiOverrideTheGlobalOnesForThatApiOnly() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("[]").build());
      server.enqueue(new MockResponse.Builder().body("[]").build());
      server.start();
      try (EventSyncClient client =
          EventSyncClient.builder()
              .baseUrl(server.url("/").toString())
              .credentials(Credentials.bearer("global-token"))
              .credentials(Api.EVENT_QUEUE, Credentials.bearer("queue-token"))
              .build()) {
        client.eventQueue().listQueues();
        client.eventLog().list(EventLogQuery.all());
      }

      assertThat(server.takeRequest().getHeaders().get("Authorization"))
          .isEqualTo("Bearer queue-token");
      assertThat(server.takeRequest().getHeaders().get("Authorization"))
          .isEqualTo("Bearer global-token");
    }
  }

  @Test
  void credentialsOfOneApiNeedNoGlobalOnes() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().body("[]").build());
      server.enqueue(new MockResponse.Builder().body("[]").build());
      server.start();
      try (EventSyncClient client =
          EventSyncClient.builder()
              .baseUrl(server.url("/").toString())
              .credentials(Api.EVENT_LOG, Credentials.bearer("log-token"))
              .build()) {
        client.eventQueue().listQueues();
        client.eventLog().list(EventLogQuery.all());
        assertThat(client.toString()).doesNotContain("log-token");
      }

      assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
      assertThat(server.takeRequest().getHeaders().get("Authorization"))
          .isEqualTo("Bearer log-token");
    }
  }

  @Test
  void toStringRedactsCredentials() {
    try (EventSyncClient client =
        EventSyncClient.builder().credentials(Credentials.bearer("tok-secret")).build()) {
      assertThat(client.toString())
          .contains("Credentials.bearer(redacted)")
          .doesNotContain("tok-secret");
    }
  }

  /** A server that answers every request only once {@code release} is counted down. */
  private static MockWebServer hanging(CountDownLatch release) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(20, TimeUnit.SECONDS);
            return new MockResponse.Builder().body("[]").build();
          }
        });
    server.start();
    return server;
  }

  @Test
  void closeCancelsTheCallInFlightInsteadOfLettingItHang() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (MockWebServer server = hanging(release)) {
      EventSyncClient client =
          EventSyncClient.builder()
              .baseUrl(server.url("/").toString())
              .sleeper(new RecordingSleeper())
              .build();
      Future<?> call = pool.submit(() -> client.eventQueue().listQueues());
      server.takeRequest(); // the call reached the server and waits for the answer

      client.close();

      assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(ApiConnectionException.class)
          .hasMessageStartingWith(
              "GET /integration/v1/queues was cancelled: the client was closed");
      assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
      assertThatThrownBy(() -> client.eventQueue().listQueues())
          .isInstanceOf(ApiConnectionException.class)
          .hasMessage("GET /integration/v1/queues was not sent: the client was closed");
      release.countDown(); // before the server closes, which waits for its dispatcher
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void closeOfAClientOnASuppliedOkHttpClientCancelsOnlyItsOwnCalls() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    OkHttpClient shared = new OkHttpClient();
    try (MockWebServer server = hanging(release)) {
      EventSyncClient client =
          EventSyncClient.builder()
              .okHttpClient(shared)
              .baseUrl(server.url("/").toString())
              .sleeper(new RecordingSleeper())
              .build();
      Future<?> sdkCall = pool.submit(() -> client.eventQueue().listQueues());
      Future<Integer> ownCall =
          pool.submit(
              () -> {
                try (Response response =
                    shared
                        .newCall(new Request.Builder().url(server.url("/mine")).build())
                        .execute()) {
                  return response.code();
                }
              });
      server.takeRequest();
      server.takeRequest(); // both calls wait for their answers

      client.close();

      assertThatThrownBy(() -> sdkCall.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(ApiConnectionException.class);
      assertThat(ownCall.isDone()).isFalse();
      release.countDown();
      assertThat(ownCall.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    } finally {
      release.countDown();
      pool.shutdownNow();
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }
}
