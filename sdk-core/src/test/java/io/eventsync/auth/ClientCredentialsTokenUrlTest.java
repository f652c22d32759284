package io.eventsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.ServerException;
import io.eventsync.testing.RecordingSleeper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A preset's token endpoint follows its API's base URL; an explicit token URL wins. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCredentialsTokenUrlTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private volatile int tokenStatus = 200;

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            paths.add(request.getMethod() + " " + path);
            if (path.endsWith("/token")) {
              return new MockResponse.Builder()
                  .code(tokenStatus)
                  .setHeader("Content-Type", "application/json")
                  .body("{\"access_token\": \"tok\", \"expires_in\": 600}")
                  .build();
            }
            return new MockResponse.Builder()
                .setHeader("Content-Type", "application/json")
                .body("[]")
                .build();
          }
        });
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private EventSyncClient client(Credentials credentials) {
    return EventSyncClient.builder()
        .baseUrl(server.url("/").toString())
        .credentials(credentials)
        .sleeper(new RecordingSleeper())
        .build();
  }

  @Test
  void tikiPresetAsksTheSandboxForItsTokenWhenTheBaseUrlPointsThere() {
    try (EventSyncClient client =
        client(ClientCredentials.tiki("sandbox-client", "sandbox-secret").build())) {
      assertThat(client.eventQueue().listQueues()).isEmpty();
    }
    assertThat(paths).containsExactly("POST /sc/oauth2/token", "GET /integration/v1/queues");
  }

  @Test
  void wishlistPresetKeepsItsRealmPathOnTheBaseUrlsHost() {
    try (EventSyncClient client =
        client(ClientCredentials.wishlistCo("tenant-1", "c", "s").build())) {
      assertThat(client.collector("tenant-1").subscriptions().list()).isEmpty();
    }
    assertThat(paths.get(0)).isEqualTo("POST /auth/realms/tenant-1/protocol/openid-connect/token");
  }

  @Test
  void perSellerViewOfAPresetAlsoAsksTheBaseUrlsHost() {
    try (EventSyncClient client = client(Credentials.bearer("t"))) {
      client
          .eventQueue()
          .withCredentials(ClientCredentials.tiki("seller-app", "s").build())
          .listQueues();
    }
    assertThat(paths).containsExactly("POST /sc/oauth2/token", "GET /integration/v1/queues");
  }

  @Test
  void explicitTokenUrlWinsOverTheBaseUrl() {
    ClientCredentials explicit =
        ClientCredentials.tiki("c", "s").tokenUrl(server.url("/custom/token").toString()).build();

    assertThat(explicit.forApi(Api.EVENT_QUEUE, "http://localhost:9/")).isSameAs(explicit);
    try (EventSyncClient client = client(explicit)) {
      client.eventQueue().listQueues();
    }
    assertThat(paths.get(0)).isEqualTo("POST /custom/token");
  }

  @Test
  void presetTokenUrlFollowsOnlyTheBaseUrlOfItsOwnApi() {
    ClientCredentials tiki = ClientCredentials.tiki("c", "s").build();
    ClientCredentials hii = ClientCredentials.hiiRetail("c", "s").build();
    ClientCredentials wishlist = ClientCredentials.wishlistCo("t", "c", "s").build();

    assertThat(tokenUrl(tiki.forApi(Api.FULFILLMENT, "http://localhost:8080/x")))
        .isEqualTo("http://localhost:8080/sc/oauth2/token");
    assertThat(tokenUrl(hii.forApi(Api.CUSTOMER_ORDERS, "https://orders.example:8443/v1")))
        .isEqualTo("https://orders.example:8443/oauth2/token");
    assertThat(wishlist.forApi(Api.EVENT_QUEUE, "http://localhost:8080")).isSameAs(wishlist);
    assertThat(tiki.forApi(Api.COLLECTOR, "http://localhost:8080")).isSameAs(tiki);
    assertThat(tiki.forApi(Api.EVENT_QUEUE, "http://localhost:8080"))
        .as("one copy per host, so clients on that host share one token")
        .isSameAs(tiki.forApi(Api.FULFILLMENT, "http://localhost:8080/other"));
  }

  @Test
  void presetKeepsTheVendorsTokenUrlForTheVendorsOwnHosts() {
    ClientCredentials tiki = ClientCredentials.tiki("c", "s").build();
    ClientCredentials hii = ClientCredentials.hiiRetail("c", "s").build();
    ClientCredentials wishlist = ClientCredentials.wishlistCo("t", "c", "s").build();

    for (Api api : Api.values()) {
      if (api.defaultBaseUrl() != null) {
        assertThat(tiki.forApi(api, api.defaultBaseUrl())).isSameAs(tiki);
        assertThat(wishlist.forApi(api, api.defaultBaseUrl())).isSameAs(wishlist);
      }
    }
    assertThat(tiki.forApi(Api.FULFILLMENT, "https://tikinowapi.tiki.vn/fulfillment"))
        .isSameAs(tiki);
    assertThat(hii.forApi(Api.CUSTOMER_ORDERS, "https://tenant.retailsvc.com/")).isSameAs(hii);
    assertThat(wishlist.forApi(Api.COLLECTOR, "https://api.au-sandbox.thewishlist.io/services"))
        .isSameAs(wishlist);
  }

  @Test
  void tokenEndpointFailureReportsEveryAttempt() {
    tokenStatus = 503;
    try (EventSyncClient client = client(ClientCredentials.tiki("c", "s").build())) {
      ServerException e =
          catchThrowableOfType(ServerException.class, () -> client.eventQueue().listQueues());

      assertThat(e.attempts()).isEqualTo(4);
      assertThat(e.getMessage()).endsWith("(after 4 attempts)");
    }
    assertThat(paths).hasSize(4).allMatch(path -> path.equals("POST /sc/oauth2/token"));
  }

  private static String tokenUrl(Credentials credentials) {
    return ((ClientCredentials) credentials).tokenUrl();
  }
}
