package io.eventsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.collector.Destination;
import io.eventsync.collector.EntityType;
import io.eventsync.collector.EventSubscription;
import io.eventsync.collector.SqsSettings;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.ResponseReader;
import io.eventsync.testing.RecordingSleeper;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SDK follows redirects only within one origin, and token requests none at all. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedirectPolicyTest {
  private static final String ACCESS_SECRET = "aws-access-secret-RTY";
  private static final String CLIENT_SECRET = "keycloak-client-secret-UIO";

  private final MockWebServer origin = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    origin.start();
    elsewhere.start();
  }

  @AfterEach
  void tearDown() {
    origin.close();
    elsewhere.close();
  }

  private EventSyncClient.Builder client() {
    return EventSyncClient.builder()
        .baseUrl(origin.url("/").toString())
        .credentials(Credentials.bearer("t0ken"))
        .sleeper(new RecordingSleeper());
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).setHeader("Location", location).build();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static EventSubscription sqsSubscription() {
    return EventSubscription.builder(
            EntityType.CUSTOMER,
            Destination.sqs(
                new SqsSettings(
                    "AKIAEXAMPLEKEY",
                    ACCESS_SECRET,
                    "https://sqs.ap-southeast-2.amazonaws.com/1/q",
                    "ap-southeast-2")))
        .build();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void collectorAccessSecretNeverFollowsARedirectToAnotherHost(int code) {
    origin.enqueue(redirect(code, elsewhere.url("/api/v1/event-subscription").toString()));
    elsewhere.enqueue(json("{}"));

    try (EventSyncClient client = client().build()) {
      RedirectException e =
          catchThrowableOfType(
              RedirectException.class,
              () -> client.collector("tenant-1").subscriptions().create(sqsSubscription()));

      assertThat(e.statusCode()).isEqualTo(code);
      assertThat(e.location()).isEqualTo(elsewhere.url("/api/v1/event-subscription").toString());
      assertThat(e.getMessage())
          .startsWith("HTTP " + code + " for POST /api/v1/event-subscription: refused to follow")
          .contains("from " + origin.url("/api/v1/event-subscription"))
          .contains("to " + elsewhere.url("/api/v1/event-subscription"))
          .contains("another origin (scheme, host and port)")
          .doesNotContain(ACCESS_SECRET);
    }
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void redirectedQueuePullIsNeverAcceptedFromAnotherHost() {
    origin.enqueue(redirect(301, elsewhere.url("/pull").toString()));
    elsewhere.enqueue(json("{\"events\": [], \"ack_id\": \"forged\"}"));

    try (EventSyncClient client = client().build()) {
      RedirectException e =
          catchThrowableOfType(
              RedirectException.class, () -> client.eventQueue().pull("q-1", null));

      assertThat(e.attempts()).isEqualTo(1);
    }
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void redirectToAnotherPortOfTheSameHostIsAnotherOrigin() {
    String sameHostOtherPort =
        elsewhere.url("/x").newBuilder().host(origin.getHostName()).build().toString();
    origin.enqueue(redirect(307, sameHostOtherPort));

    try (EventSyncClient client = client().build()) {
      catchThrowableOfType(
          RedirectException.class,
          () -> client.collector("tenant-1").subscriptions().create(sqsSubscription()));
    }
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void sameOriginRedirectIsFollowedWithItsMethodBodyAndAuthorization() throws Exception {
    origin.enqueue(redirect(307, "/moved/api/v1/subscriptions"));
    origin.enqueue(json("{}"));
    String body = "{\"accessSecret\": \"" + ACCESS_SECRET + "\"}";

    try (EventSyncClient client = client().build()) {
      int status =
          client
              .core()
              .execute(
                  ApiRequest.json("POST", origin.url("/api/v1/event-subscription"), body, false),
                  ResponseReader.status());
      assertThat(status).isEqualTo(200);
    }

    origin.takeRequest();
    RecordedRequest followed = origin.takeRequest();
    assertThat(followed.getMethod()).isEqualTo("POST");
    assertThat(followed.getUrl().encodedPath()).isEqualTo("/moved/api/v1/subscriptions");
    assertThat(followed.getBody().utf8()).contains(ACCESS_SECRET);
    assertThat(followed.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
  }

  @Test
  void sameOriginPostRedirectThatWouldBecomeAGetIsRefused() {
    origin.enqueue(redirect(302, "/elsewhere-on-origin"));
    origin.enqueue(json("{\"events\": [], \"ack_id\": \"wrong\"}"));

    try (EventSyncClient client = client().build()) {
      RedirectException e =
          catchThrowableOfType(
              RedirectException.class, () -> client.eventQueue().pull("q-1", null));

      assertThat(e.getMessage())
          .endsWith(
              "a 302 would turn the POST into a GET; only 307 and 308 keep the method and body");
    }
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenRequestFollowsNoRedirectSoTheClientSecretStaysWithTheTokenUrl() throws Exception {
    origin.enqueue(
        redirect(307, elsewhere.url("/auth/realms/t/protocol/openid-connect/token").toString()));
    ClientCredentials credentials =
        ClientCredentials.wishlistCo("t", "app", CLIENT_SECRET)
            .tokenUrl(origin.url("/").toString())
            .build();

    try (EventSyncClient client = client().credentials(credentials).build()) {
      RedirectException e =
          catchThrowableOfType(
              RedirectException.class,
              () -> client.collector("t").subscriptions().create(sqsSubscription()));

      assertThat(e.getMessage())
          .contains("token requests follow no redirect")
          .contains("from " + origin.url("/auth/realms/t/protocol/openid-connect/token"))
          .doesNotContain(CLIENT_SECRET);
      assertThat(e.attempts()).isEqualTo(1);
    }
    assertThat(origin.takeRequest().getBody().utf8()).contains("client_secret=" + CLIENT_SECRET);
    assertThat(origin.getRequestCount()).isEqualTo(1);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void tokenRequestFollowsNotEvenASameOriginRedirect() {
    origin.enqueue(redirect(308, "/other-token"));
    ClientCredentials credentials =
        Credentials.clientCredentials(origin.url("/token").toString(), "app", CLIENT_SECRET)
            .build();

    try (EventSyncClient client = client().credentials(credentials).build()) {
      catchThrowableOfType(RedirectException.class, () -> client.eventQueue().listQueues());
    }
    assertThat(origin.getRequestCount()).isEqualTo(1);
  }

  @Test
  void suppliedClientKeepsItsRedirectSettingsWhileTheSdkRefusesCrossOriginRedirects()
      throws Exception {
    OkHttpClient mine = new OkHttpClient();
    origin.enqueue(redirect(307, elsewhere.url("/api/v1/event-subscription").toString()));
    origin.enqueue(redirect(302, elsewhere.url("/mine").toString()));
    elsewhere.enqueue(json("{}"));

    try (EventSyncClient client = client().okHttpClient(mine).build()) {
      catchThrowableOfType(
          RedirectException.class,
          () -> client.collector("tenant-1").subscriptions().create(sqsSubscription()));
      assertThat(elsewhere.getRequestCount()).isZero();

      try (Response response =
          mine.newCall(new Request.Builder().url(origin.url("/mine")).build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.request().url()).isEqualTo(elsewhere.url("/mine"));
      }
    } finally {
      mine.dispatcher().executorService().shutdown();
      mine.connectionPool().evictAll();
    }
    assertThat(mine.followRedirects()).isTrue();
  }
}
