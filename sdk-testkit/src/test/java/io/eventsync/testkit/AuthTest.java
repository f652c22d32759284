package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthTest {
  private static final String BASIC = Credentials.basic("sandbox-client", "sandbox-secret");
  private static final String KEYCLOAK = "/auth/realms/acme/protocol/openid-connect/token";

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MutableClock clock = new MutableClock();
  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder().clock(clock).tokenTtl(Duration.ofSeconds(30)).build());
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Http.Reply token(String path, String form, String authorization) {
    Request.Builder request =
        new Request.Builder().url(sandbox.url() + path).post(RequestBody.create(form, Http.FORM));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.call(request.build());
  }

  private Http.Reply api(String method, String path, String token, String tenant, String json) {
    Request.Builder request =
        new Request.Builder()
            .url(sandbox.url() + path)
            .method(method, json == null ? null : RequestBody.create(json, Http.JSON));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (tenant != null) {
      request.header("X-TWC-Tenant", tenant);
    }
    return http.call(request.build());
  }

  @Test
  void tikiIssuesTokensToBasicAndPostClientAuthentication() {
    Http.Reply basic = token("/sc/oauth2/token", "grant_type=client_credentials&scope=", BASIC);
    Http.Reply post =
        token(
            "/sc/oauth2/token",
            "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret",
            null);

    assertThat(basic.status).isEqualTo(200);
    assertThat(basic.map())
        .containsOnlyKeys("access_token", "expires_in", "token_type", "scope")
        .containsEntry("expires_in", 30L)
        .containsEntry("token_type", "Bearer");
    assertThat(post.status).isEqualTo(200);
    String token = (String) post.map().get("access_token");
    assertThat(api("GET", "/integration/v1/queues", token, null, null).status).isEqualTo(200);
  }

  @Test
  void wrongClientOrGrantIsAnOAuthError() {
    Http.Reply wrongSecret =
        token(
            "/sc/oauth2/token",
            "grant_type=client_credentials",
            Credentials.basic("sandbox-client", "nope"));
    Http.Reply wrongGrant = token("/sc/oauth2/token", "grant_type=password", BASIC);

    assertThat(wrongSecret.status).isEqualTo(401);
    assertThat(wrongSecret.map()).containsEntry("error", "invalid_client");
    assertThat(wrongGrant.status).isEqualTo(400);
    assertThat(wrongGrant.map()).containsEntry("error", "unsupported_grant_type");
  }

  @Test
  void hiiRetailRequiresBasicAuthAndTheAudience() {
    Http.Reply ok =
        token(
            "/oauth2/token",
            "grant_type=client_credentials&audience=https%3A%2F%2Fhiiretail.com",
            BASIC);
    Http.Reply noAudience = token("/oauth2/token", "grant_type=client_credentials", BASIC);
    Http.Reply posted =
        token(
            "/oauth2/token",
            "grant_type=client_credentials&audience=https%3A%2F%2Fhiiretail.com&client_id=sandbox-client&client_secret=sandbox-secret",
            null);

    assertThat(ok.status).isEqualTo(200);
    assertThat(noAudience.status).isEqualTo(400);
    assertThat(noAudience.map()).containsEntry("error", "invalid_request");
    assertThat(posted.status).isEqualTo(401);
    String token = (String) ok.map().get("access_token");
    assertThat(api("GET", "/business-units/b/customer-orders/1", token, null, null).status)
        .isEqualTo(404);
    assertThat(api("GET", "/integration/v1/queues", token, null, null).status).isEqualTo(401);
  }

  @Test
  void keycloakTokensAreValidOnlyForTheirRealmsTenant() {
    Http.Reply reply =
        token(
            KEYCLOAK,
            "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret",
            null);
    String token = (String) reply.map().get("access_token");

    assertThat(reply.map())
        .containsKeys(
            "access_token",
            "expires_in",
            "refresh_expires_in",
            "token_type",
            "not-before-policy",
            "scope");
    assertThat(api("GET", "/api/v1/event-subscription", token, "acme", null).status).isEqualTo(200);
    Http.Reply otherTenant = api("GET", "/api/v1/event-subscription", token, "globex", null);
    assertThat(otherTenant.status).isEqualTo(401);
    assertThat(otherTenant.headers.get("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void tokensExpireAfterTheirTtl() {
    String token =
        (String)
            token("/sc/oauth2/token", "grant_type=client_credentials", BASIC)
                .map()
                .get("access_token");

    clock.now = clock.now.plusSeconds(29);
    int before = api("GET", "/integration/v1/queues", token, null, null).status;
    clock.now = clock.now.plusSeconds(1);
    Http.Reply after = api("GET", "/integration/v1/queues", token, null, null);

    assertThat(before).isEqualTo(200);
    assertThat(after.status).isEqualTo(401);
    assertThat(after.map()).containsEntry("error", "INVALID_TOKEN");
  }

  @Test
  void eventLogAcceptsAnyTokenOrTheClientAsBasicApiKey() {
    Http.Reply basic =
        http.call(
            new Request.Builder()
                .url(sandbox.url() + "/saleschannel-services/v1/events")
                .header("Authorization", BASIC)
                .build());
    Http.Reply none = api("GET", "/saleschannel-services/v1/events", null, null, null);

    assertThat(basic.status).isEqualTo(200);
    assertThat(none.status).isEqualTo(401);
    assertThat(none.map()).containsEntry("title", "Unauthorized");
  }

  @Test
  void devTokenCanBeDisabled() {
    try (EventSyncSandbox strict =
        EventSyncSandbox.start(SandboxOptions.builder().devTokenEnabled(false).build())) {
      Http.Reply reply = new Http(strict).get("/integration/v1/queues");

      assertThat(reply.status).isEqualTo(401);
    }
  }

  @Test
  void basicHeaderThatIsNotBase64IsRejected() {
    Http.Reply reply = token("/sc/oauth2/token", "grant_type=client_credentials", "Basic %%%");

    assertThat(reply.status).isEqualTo(401);
  }
}
