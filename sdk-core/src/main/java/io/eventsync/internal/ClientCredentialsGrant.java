package io.eventsync.internal;

import io.eventsync.ApiConnectionException;
import io.eventsync.AuthenticationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Authorizer} of {@link io.eventsync.auth.ClientCredentials}: an OAuth 2.0 client
 * credentials grant whose token is fetched when first needed, cached until shortly before it
 * expires, refreshed by one thread while the others wait for its result, and dropped on a 401.
 * Token requests follow no redirect, so the client secret goes to the token URL only. Thread-safe.
 */
public final class ClientCredentialsGrant implements Authorizer {
  private static final Logger log = LoggerFactory.getLogger("io.eventsync.auth.ClientCredentials");

  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final boolean secretAsBasic;
  private final String scope;
  private final String audience;
  private final Duration refreshMargin;

  private final ReentrantLock lock = new ReentrantLock();
  private volatile CachedToken cached;

  /**
   * Creates a grant.
   *
   * @param tokenUrl the token endpoint
   * @param clientId the client id
   * @param clientSecret the client secret
   * @param secretAsBasic true to send the secret as HTTP basic, false in the form body
   * @param scope the {@code scope} parameter, or null
   * @param audience the {@code audience} parameter, or null
   * @param refreshMargin how long before expiry a token is renewed (at most half its lifetime)
   */
  public ClientCredentialsGrant(
      HttpUrl tokenUrl,
      String clientId,
      String clientSecret,
      boolean secretAsBasic,
      String scope,
      String audience,
      Duration refreshMargin) {
    this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl == null");
    this.clientId = Objects.requireNonNull(clientId, "clientId == null");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret == null");
    this.secretAsBasic = secretAsBasic;
    this.scope = scope;
    this.audience = audience;
    this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin == null");
  }

  @Override
  public String authorization(OkHttpClient http, Clock clock) {
    CachedToken token = cached;
    if (token != null && clock.instant().isBefore(token.refreshAt)) {
      return token.authorization;
    }
    lock.lock();
    try {
      token = cached;
      if (token != null && clock.instant().isBefore(token.refreshAt)) {
        return token.authorization; // another thread refreshed while this one waited
      }
      token = fetch(http, clock);
      cached = token;
      return token.authorization;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean invalidate(String authorization) {
    lock.lock();
    try {
      CachedToken token = cached;
      if (token != null && token.authorization.equals(authorization)) {
        cached = null;
      }
      return true; // either dropped now, or another thread already has a newer token
    } finally {
      lock.unlock();
    }
  }

  private CachedToken fetch(OkHttpClient client, Clock clock) {
    // The client secret goes to the configured token URL only: no redirect is followed.
    OkHttpClient http =
        client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    String where = Redactor.url(tokenUrl);
    String operation = "POST " + tokenUrl.encodedPath() + " (token for client " + clientId + ")";
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    Request.Builder request =
        new Request.Builder().url(tokenUrl).header("Accept", "application/json");
    if (secretAsBasic) {
      request.header("Authorization", okhttp3.Credentials.basic(clientId, clientSecret));
    } else {
      form.add("client_id", clientId).add("client_secret", clientSecret);
    }
    if (scope != null) {
      form.add("scope", scope);
    }
    if (audience != null) {
      form.add("audience", audience);
    }
    Instant requestedAt = clock.instant();
    try (Response response = http.newCall(request.post(form.build()).build()).execute()) {
      ResponseBody body = response.body();
      if (response.isRedirect()) {
        throw ApiErrors.redirect(response, tokenUrl, operation, true, 1);
      }
      if (!response.isSuccessful()) {
        throw ApiErrors.toException(
            response, ApiErrors.readErrorBody(response), operation, 1, null);
      }
      body.source().request(Long.MAX_VALUE); // the whole body (bounded), or the IOException
      TokenResponse token =
          Json.decode(
              Json.adapter(TokenResponse.class), body.source(), "token response from " + where);
      if (token.accessToken() == null || token.accessToken().isBlank()) {
        throw refused(
            "token endpoint " + where + " answered without an access_token for client " + clientId,
            response);
      }
      if (token.tokenType() != null && !token.tokenType().equalsIgnoreCase("bearer")) {
        throw refused(
            "token endpoint "
                + where
                + " issued a \""
                + token.tokenType()
                + "\" token; only bearer tokens are supported",
            response);
      }
      try {
        HeaderChecks.checkHeaderSafe(token.accessToken(), "access token from " + where);
      } catch (IllegalArgumentException e) {
        throw refused(e.getMessage(), response);
      }
      Duration lifetime =
          token.expiresIn() == null || token.expiresIn() <= 0
              ? Duration.ofMinutes(5)
              : Duration.ofSeconds(token.expiresIn());
      Duration margin =
          refreshMargin.compareTo(lifetime.dividedBy(2)) > 0
              ? lifetime.dividedBy(2)
              : refreshMargin;
      log.debug("fetched a token for client {} from {} valid for {}", clientId, where, lifetime);
      return new CachedToken(
          "Bearer " + token.accessToken(), requestedAt.plus(lifetime).minus(margin));
    } catch (IOException e) {
      if (ApiErrors.isTooLarge(e)) {
        throw ApiErrors.tooLarge(e, operation, 1);
      }
      throw new ApiConnectionException("could not reach token endpoint " + where + ": " + e, e, 1);
    }
  }

  private static AuthenticationException refused(String message, Response response) {
    return new AuthenticationException(message, response.code(), null, null, null, null, 1);
  }

  private static final class CachedToken {
    final String authorization;
    final Instant refreshAt;

    CachedToken(String authorization, Instant refreshAt) {
      this.authorization = authorization;
      this.refreshAt = refreshAt;
    }
  }
}
