package io.eventsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.ResponseReader;
import io.eventsync.testing.CapturingLogs;
import io.eventsync.testing.RecordingSleeper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Secrets never reach a log line (TRACE included), an exception message or a toString(). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecretHygieneTest {
  private static final String CLIENT_SECRET = "client-secret-XYZ";
  private static final String ACCESS_TOKEN = "access-token-QWE";
  private static final String WEBHOOK_SECRET = "whsecret0123456789abcdef01234567";
  private static final String ACCESS_SECRET = "aws-access-secret-RTY";
  private static final String ACCESS_KEY = "AKIAEXAMPLEKEY";
  private static final List<String> SECRETS =
      List.of(CLIENT_SECRET, ACCESS_TOKEN, WEBHOOK_SECRET, ACCESS_SECRET, ACCESS_KEY);

  private static final String URL_PASSWORD = "url-password-ASD";
  private static final String URL_QUERY = "url-query-secret-FGH";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/token")) {
              return new MockResponse.Builder()
                  .body("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 600}")
                  .build();
            }
            if (path.equals("/empty-token")) {
              return new MockResponse.Builder().body("{}").build();
            }
            if (path.equals("/redirect")) {
              return new MockResponse.Builder()
                  .code(307)
                  .setHeader(
                      "Location", "http://u:" + URL_PASSWORD + "@127.0.0.1:1/x?sig=" + URL_QUERY)
                  .build();
            }
            if (path.equals("/echo")) { // the collector echoes credentials back
              return new MockResponse.Builder().body(request.getBody().utf8()).build();
            }
            return new MockResponse.Builder()
                .code(400)
                .body(
                    "{\"error\": {\"code\": \"BAD\", \"message\": \"rejected secret_key\"},"
                        + " \"secret_key\": \""
                        + WEBHOOK_SECRET
                        + "\", \"accessSecret\": \""
                        + ACCESS_SECRET
                        + "\"}")
                .build();
          }
        });
    server.start();
    CapturingLogs.clear();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void noSecretInTraceLogsExceptionsOrToString() {
    ClientCredentials credentials =
        ClientCredentials.tiki("app-1", CLIENT_SECRET)
            .authMethod(ClientCredentials.AuthMethod.CLIENT_SECRET_POST)
            .tokenUrl(server.url("/token").toString())
            .build();
    String body =
        "{\"sync_webhook\": {\"order\": {\"url\": \"https://x\", \"secret_key\": \""
            + WEBHOOK_SECRET
            + "\"}}, \"destination\": {\"sqs\": {\"accessKey\": \""
            + ACCESS_KEY
            + "\", \"accessSecret\": \""
            + ACCESS_SECRET
            + "\"}}}";
    try (EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(server.url("/").toString())
            .credentials(credentials)
            .sleeper(new RecordingSleeper())
            .build()) {
      String echoed =
          client
              .core()
              .execute(
                  ApiRequest.json("POST", server.url("/echo"), body, false),
                  response -> response.body().string());
      assertThat(echoed).isEqualTo(body);

      Throwable failure =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  client
                      .core()
                      .execute(
                          ApiRequest.json("POST", server.url("/fail"), body, false),
                          ResponseReader.status()));
      assertThat(failure).isInstanceOf(InvalidRequestException.class);
      String everything =
          failure.getMessage()
              + ((ApiException) failure).body()
              + failure
              + client
              + credentials
              + String.join("\n", CapturingLogs.lines());

      assertThat(CapturingLogs.lines())
          .anySatisfy(line -> assertThat(line).startsWith("TRACE").contains("request body"))
          .anySatisfy(line -> assertThat(line).startsWith("DEBUG").contains("POST /echo -> 200"));
      for (String secret : SECRETS) {
        assertThat(everything).doesNotContain(secret);
      }
    }
  }

  @Test
  void bearerTokenWithNewlineNeverReachesOkHttp() {
    assertThatThrownBy(() -> Credentials.bearer(ACCESS_TOKEN + "\r\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(ACCESS_TOKEN);
  }

  @Test
  void credentialsWrittenIntoBaseAndTokenUrlsNeverAppearInToStringExceptionsOrLogs() {
    String base =
        server
            .url("/")
            .newBuilder()
            .username("base-user")
            .password(URL_PASSWORD)
            .addQueryParameter("api_key", URL_QUERY)
            .build()
            .toString();
    String tokenUrl =
        server
            .url("/empty-token")
            .newBuilder()
            .username("token-user")
            .password(URL_PASSWORD)
            .addQueryParameter("client_secret", URL_QUERY)
            .build()
            .toString();
    ClientCredentials credentials =
        Credentials.clientCredentials(tokenUrl, "app-1", CLIENT_SECRET).build();
    StringBuilder everything = new StringBuilder();
    try (EventSyncClient client =
        EventSyncClient.builder().baseUrl(base).sleeper(new RecordingSleeper()).build()) {
      everything.append(client).append(credentials);
      Throwable tokenFailure =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> client.newBuilder().credentials(credentials).build().eventQueue().listQueues());
      assertThat(tokenFailure)
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining(
              "token endpoint " + server.url("/empty-token") + "?client_secret=██");
      Throwable redirect =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  client
                      .core()
                      .execute(
                          ApiRequest.json(
                              "POST",
                              client.resolve(Api.EVENT_QUEUE).resolve("redirect"),
                              "{}",
                              false),
                          ResponseReader.status()));
      assertThat(redirect).isInstanceOf(RedirectException.class);
      everything
          .append(tokenFailure)
          .append(redirect)
          .append(((RedirectException) redirect).location());
    }
    Throwable badUrl =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                EventSyncClient.builder()
                    .baseUrl("htp://u:" + URL_PASSWORD + "@h/?k=" + URL_QUERY));
    assertThat(badUrl).isInstanceOf(IllegalArgumentException.class);
    everything.append(badUrl).append(String.join("\n", CapturingLogs.lines()));

    assertThat(everything.toString())
        .contains("api_key=██")
        .doesNotContain(URL_PASSWORD)
        .doesNotContain(URL_QUERY)
        .doesNotContain(CLIENT_SECRET);
  }
}
