package io.eventsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.AuthenticationException;
import io.eventsync.RetryPolicy;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.HttpCore;
import io.eventsync.internal.ResponseReader;
import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCredentialsTest {
  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final OkHttpClient http = new OkHttpClient();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final List<RecordedRequest> tokenRequests = new ArrayList<>();
  private volatile CountDownLatch tokenGate = new CountDownLatch(0);

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getUrl().encodedPath().equals("/sc/oauth2/token")) {
              synchronized (tokenRequests) {
                tokenRequests.add(request);
              }
              tokenGate.await(10, TimeUnit.SECONDS);
              int n = tokensIssued.incrementAndGet();
              return new MockResponse.Builder()
                  .setHeader("Content-Type", "application/json")
                  .body(
                      "{\"access_token\": \"tok-"
                          + n
                          + "\", \"expires_in\": 3600, \"token_type\": \"bearer\"}")
                  .build();
            }
            String auth = request.getHeaders().get("Authorization");
            if (auth == null || revoked.contains(auth)) {
              return new MockResponse.Builder()
                  .code(401)
                  .body("{\"error\": \"invalid_token\"}")
                  .build();
            }
            return new MockResponse.Builder().body(auth).build();
          }
        });
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.close();
    http.dispatcher().executorService().shutdown();
  }

  private ClientCredentials.Builder tiki() {
    return ClientCredentials.tiki("app-1", "s3cr3t-value")
        .tokenUrl(server.url("/sc/oauth2/token").toString());
  }

  private HttpCore core(Credentials credentials) {
    return HttpCore.create(
        http, credentials, RetryPolicy.defaults(), clock, new RecordingSleeper(), "test");
  }

  private String call(HttpCore core) {
    return core.execute(ApiRequest.get(server.url("/api")), response -> response.body().string());
  }

  @Test
  void fetchesOneTokenForManyConcurrentCalls() throws Exception {
    HttpCore core = core(tiki().build());
    tokenGate = new CountDownLatch(1); // hold the token endpoint until every caller is waiting
    java.util.concurrent.ThreadPoolExecutor pool =
        (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> call(core)));
      }
      while (tokenRequests.isEmpty() || pool.getActiveCount() < 16) {
        Thread.onSpinWait(); // every caller is running: one at the token endpoint, the rest waiting
      }
      tokenGate.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("Bearer tok-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokensIssued).hasValue(1);
  }

  @Test
  void sendsClientSecretBasicByDefaultAndPostWhenAsked() throws Exception {
    call(core(tiki().scope("order").build()));
    call(core(tiki().authMethod(ClientCredentials.AuthMethod.CLIENT_SECRET_POST).build()));

    RecordedRequest basic = tokenRequests.get(0);
    assertThat(basic.getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("app-1", "s3cr3t-value"));
    assertThat(basic.getBody().utf8()).isEqualTo("grant_type=client_credentials&scope=order");
    RecordedRequest post = tokenRequests.get(1);
    assertThat(post.getHeaders().get("Authorization")).isNull();
    assertThat(post.getBody().utf8())
        .isEqualTo("grant_type=client_credentials&client_id=app-1&client_secret=s3cr3t-value");
  }

  @Test
  void hiiRetailPresetSendsTheMandatoryAudience() {
    ClientCredentials hii =
        ClientCredentials.hiiRetail("c", "s")
            .tokenUrl(server.url("/sc/oauth2/token").toString())
            .build();
    call(core(hii));

    assertThat(tokenRequests.get(0).getBody().utf8())
        .isEqualTo("grant_type=client_credentials&audience=https%3A%2F%2Fhiiretail.com");
  }

  @Test
  void wishlistPresetUsesTheTenantRealm() {
    ClientCredentials wishlist = ClientCredentials.wishlistCo("acme", "c", "s").build();
    assertThat(wishlist.tokenUrl())
        .isEqualTo(
            "https://auth.au-aws.thewishlist.io/auth/realms/acme/protocol/openid-connect/token");
    ClientCredentials local =
        ClientCredentials.wishlistCo("acme", "c", "s").tokenUrl(server.url("/").toString()).build();
    assertThat(local.tokenUrl()).endsWith("/auth/realms/acme/protocol/openid-connect/token");
  }

  @Test
  void refreshesTheTokenShortlyBeforeExpiry() {
    HttpCore core = core(tiki().build());
    assertThat(call(core)).isEqualTo("Bearer tok-1");

    clock.advance(Duration.ofSeconds(3600 - 31));
    assertThat(call(core)).isEqualTo("Bearer tok-1");

    clock.advance(Duration.ofSeconds(2)); // inside the 30 s refresh margin
    assertThat(call(core)).isEqualTo("Bearer tok-2");
    assertThat(tokensIssued).hasValue(2);
  }

  @Test
  void refreshesOnceAndRetriesAfter401() {
    HttpCore core = core(tiki().build());
    assertThat(call(core)).isEqualTo("Bearer tok-1");

    revoked.add("Bearer tok-1");
    assertThat(call(core)).isEqualTo("Bearer tok-2");
    assertThat(tokensIssued).hasValue(2);
  }

  @Test
  void gives401WhenEvenTheFreshTokenIsRefused() {
    HttpCore core = core(tiki().build());
    revoked.add("Bearer tok-1");
    revoked.add("Bearer tok-2");

    assertThatThrownBy(() -> call(core)).isInstanceOf(AuthenticationException.class);
    assertThat(tokensIssued).hasValue(2);
  }

  @Test
  void rejectedClientFailsWithAuthenticationExceptionNamingTheClientNotTheSecret()
      throws Exception {
    server.close();
    try (MockWebServer tokenServer = new MockWebServer()) {
      tokenServer.enqueue(
          new MockResponse.Builder()
              .code(401)
              .body("{\"error\": \"invalid_client\", \"error_description\": \"bad secret\"}")
              .build());
      tokenServer.start();
      ClientCredentials credentials =
          ClientCredentials.tiki("app-1", "s3cr3t-value")
              .tokenUrl(tokenServer.url("/sc/oauth2/token").toString())
              .build();

      assertThatThrownBy(() -> credentials.authorizer().authorization(http, clock))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("invalid_client");
                assertThat(e.getMessage()).contains("app-1").doesNotContain("s3cr3t-value");
              });
    }
  }

  @Test
  void rejectsAServerTokenWithAHeaderBreakingCharacterWithoutPrintingIt() throws Exception {
    try (MockWebServer tokenServer = new MockWebServer()) {
      tokenServer.enqueue(
          new MockResponse.Builder()
              .body("{\"access_token\": \"abc\\ndef-secret-token\", \"expires_in\": 60}")
              .build());
      tokenServer.start();
      ClientCredentials credentials =
          ClientCredentials.tiki("app-1", "s").tokenUrl(tokenServer.url("/t").toString()).build();

      assertThatThrownBy(() -> credentials.authorizer().authorization(http, clock))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("not allowed in an HTTP header")
          .hasMessageNotContaining("def-secret-token");
    }
  }

  @Test
  void toStringShowsClientIdButNeitherSecretNorToken() {
    ClientCredentials credentials = tiki().build();
    call(core(credentials));

    assertThat(credentials.toString())
        .contains("app-1")
        .doesNotContain("s3cr3t-value")
        .doesNotContain("tok-1");
  }

  @Test
  void statusReaderIsUsable() {
    assertThat(
            core(tiki().build())
                .execute(ApiRequest.get(server.url("/api")), ResponseReader.status()))
        .isEqualTo(200);
  }
}
