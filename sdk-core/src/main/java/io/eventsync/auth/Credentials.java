package io.eventsync.auth;

import io.eventsync.Api;
import io.eventsync.internal.Authorizer;
import io.eventsync.internal.CredentialsAccess;
import io.eventsync.internal.HeaderChecks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How the client authenticates its calls: a fixed bearer token, HTTP basic, or an OAuth 2.0 client
 * credentials grant whose tokens are fetched, cached and refreshed for you ({@link
 * ClientCredentials}).
 *
 * <p>Values are checked when created: a token or password with a line break or another character
 * that is not allowed in an HTTP header fails here with a message that never shows the value.
 * Instances are immutable (a {@link ClientCredentials} caches its token internally) and
 * thread-safe; {@link #toString()} never shows a secret. Credentials are values to hand to {@link
 * io.eventsync.EventSyncClient.Builder#credentials}: how they become the {@code Authorization}
 * header of each request is the client's business.
 */
public abstract class Credentials {
  static {
    CredentialsAccess.install(
        new CredentialsAccess.Accessor() {
          @Override
          public Authorizer authorizer(Credentials credentials) {
            return credentials.authorizer();
          }

          @Override
          public Credentials forApi(Credentials credentials, Api api, HttpUrl baseUrl) {
            return credentials.forApi(api, baseUrl.toString());
          }
        });
  }

  Credentials() {}

  /**
   * Returns credentials that send {@code Authorization: Bearer <token>}.
   *
   * @throws IllegalArgumentException if the token is blank or has a character not allowed in a
   *     header (the message does not show the token)
   */
  public static Credentials bearer(String token) {
    Objects.requireNonNull(token, "token == null");
    checkHeaderSafe(token, "bearer token");
    return new Fixed("Bearer " + token, "Credentials.bearer(redacted)");
  }

  /**
   * Returns credentials that send {@code Authorization: Basic base64(username:password)}, as
   * Puro.earth API keys (key id and passphrase) use.
   *
   * @throws IllegalArgumentException if the username is blank or contains {@code ':'}, or either
   *     has a control character
   */
  public static Credentials basic(String username, String password) {
    Objects.requireNonNull(username, "username == null");
    Objects.requireNonNull(password, "password == null");
    if (username.isBlank() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "basic username must be non-blank and without ':' but was \"" + username + "\"");
    }
    checkNoControl(username, "basic username");
    checkNoControl(password, "basic password");
    String encoded =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Fixed("Basic " + encoded, "Credentials.basic(" + username + ", redacted)");
  }

  /**
   * Returns a builder for an OAuth 2.0 client credentials grant at {@code tokenUrl}. See {@link
   * ClientCredentials} for the presets of the documented token endpoints.
   */
  public static ClientCredentials.Builder clientCredentials(
      String tokenUrl, String clientId, String clientSecret) {
    return new ClientCredentials.Builder(tokenUrl, clientId, clientSecret);
  }

  /**
   * Returns what turns these credentials into the {@code Authorization} header of each request (the
   * same instance on every call).
   */
  abstract Authorizer authorizer();

  /**
   * Returns the credentials to use for calls to {@code api} at {@code baseUrl}: these, except for a
   * {@link ClientCredentials} preset, whose token endpoint follows the base URL.
   */
  Credentials forApi(Api api, String baseUrl) {
    return this;
  }

  static void checkHeaderSafe(String value, String what) {
    HeaderChecks.checkHeaderSafe(value, what);
  }

  static void checkNoControl(String value, String what) {
    HeaderChecks.checkNoControl(value, what);
  }

  private static final class Fixed extends Credentials {
    private final Authorizer authorizer;
    private final String description;

    Fixed(String authorization, String description) {
      this.authorizer = Authorizer.fixed(authorization);
      this.description = description;
    }

    @Override
    Authorizer authorizer() {
      return authorizer;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
