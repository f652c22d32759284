package io.eventsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.testing.RecordingSleeper;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every response body is read whole, but never more than the client's maximum response size. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResponseSizeLimitTest {
  private static final long LIMIT = 64 * 1024;

  private final MockWebServer api = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    api.start();
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private EventSyncClient.Builder client(String baseUrl) {
    return EventSyncClient.builder()
        .baseUrl(baseUrl)
        .credentials(Credentials.bearer("t0ken"))
        .maxResponseSize(LIMIT)
        .sleeper(new RecordingSleeper());
  }

  @Test
  void endlessQueuePullFailsAtTheLimitWithATypedErrorThatSaysHowToRaiseIt() throws Exception {
    try (EndlessServer endless = EndlessServer.chunked(200);
        EventSyncClient client = client(endless.url("/")).build()) {
      ResponseTooLargeException e =
          catchThrowableOfType(
              ResponseTooLargeException.class, () -> client.eventQueue().pull("q-1", null));

      assertThat(e)
          .hasMessage(
              "POST /integration/v1/queues/q-1/events/pull: the response body passed 65536 bytes,"
                  + " over the client's maximum response size of 64 KiB; it was not read. If such"
                  + " answers are legitimate, raise the limit with"
                  + " EventSyncClient.builder().maxResponseSize(bytes)");
      assertThat(e.maxBytes()).isEqualTo(LIMIT);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(endless.requests()).isEqualTo(1);
    }
  }

  @Test
  void declaredOversizeBodyFailsBeforeAnyOfItIsRead() throws Exception {
    try (EndlessServer declaring = EndlessServer.declaring(10_000_000_000L);
        EventSyncClient client = client(declaring.url("/")).build()) {
      assertThatThrownBy(() -> client.eventQueue().listQueues())
          .isInstanceOf(ResponseTooLargeException.class)
          .hasMessageStartingWith(
              "GET /integration/v1/queues: the response body declares 10000000000 bytes, over the"
                  + " client's maximum response size of 64 KiB");
    }
  }

  @Test
  void endlessTokenResponseFailsAtTheLimit() throws Exception {
    try (EndlessServer token = EndlessServer.chunked(200);
        EventSyncClient client =
            client(api.url("/").toString())
                .credentials(
                    ClientCredentials.tiki("app", "s3cret").tokenUrl(token.url("/token")).build())
                .build()) {
      ResponseTooLargeException e =
          catchThrowableOfType(
              ResponseTooLargeException.class, () -> client.eventQueue().listQueues());

      assertThat(e.getMessage())
          .startsWith("POST /token (token for client app): the response body");
      assertThat(token.requests()).isEqualTo(1);
    }
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void endlessTokenErrorBodyStillEndsInTheStatusError() throws Exception {
    try (EndlessServer token = EndlessServer.chunked(401);
        EventSyncClient client =
            client(api.url("/").toString())
                .maxResponseSize(EventSyncClient.DEFAULT_MAX_RESPONSE_SIZE)
                .credentials(
                    ClientCredentials.tiki("app", "s3cret").tokenUrl(token.url("/token")).build())
                .build()) {
      AuthenticationException e =
          catchThrowableOfType(
              AuthenticationException.class, () -> client.eventQueue().listQueues());

      assertThat(e.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void endlessErrorBodyStillEndsInTheStatusError() throws Exception {
    try (EndlessServer endless = EndlessServer.chunked(404);
        EventSyncClient client = client(endless.url("/")).build()) {
      assertThatThrownBy(() -> client.eventQueue().listQueues())
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void bodyOfExactlyTheLimitIsRead() {
    String body = "[" + " ".repeat((int) LIMIT - 2) + "]";
    api.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/json")
            .body(body)
            .build());

    try (EventSyncClient client = client(api.url("/").toString()).build()) {
      assertThat(client.eventQueue().listQueues()).isEmpty();
    }
  }

  @Test
  void maxResponseSizeMustBePositive() {
    assertThatThrownBy(() -> EventSyncClient.builder().maxResponseSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxResponseSize must be positive but was 0");
  }
}
