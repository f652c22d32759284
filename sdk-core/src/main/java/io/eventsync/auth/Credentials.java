package io.eventsync.auth;

import io.eventsync.Api;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * How the client authenticates its calls: a fixed bearer token, HTTP basic, or an OAuth 2.0 client
 * credentials grant whose tokens are fetched, cached and refreshed for you ({@link
 * ClientCredentials}).
 *
 * <p>Values are checked when created: a token or password with a line break or another character
 * that is not allowed in an HTTP header fails here with a message that never shows the value.
 * Instances are immutable (a {@link ClientCredentials} caches its token internally) and
 * thread-safe; {@link #toString()} never shows a secret.
 */
public abstract class Credentials {
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
   * Returns the value of the {@code Authorization} header for the next request, fetching or
   * refreshing a token with {@code http} if needed. Called by the client for every request;
   * applications do not need to call it.
   *
   * @param http the client's HTTP client (its pools are shared)
   * @param clock the client's clock, for token expiry
   * @throws io.eventsync.EventSyncException if a token cannot be obtained
   */
  public abstract String authorization(OkHttpClient http, Clock clock);

  /**
   * Returns the credentials to use for calls to {@code api} at {@code baseUrl}. The client asks
   * once per API when it is built (and for each {@code withCredentials} view); applications do not
   * need to call it. These credentials are returned, except for a {@link ClientCredentials} preset,
   * whose token endpoint follows the base URL (see {@link ClientCredentials#forApi}).
   *
   * @param api the API the calls go to
   * @param baseUrl that API's base URL
   */
  public Credentials forApi(Api api, String baseUrl) {
    return this;
  }

  /**
   * Tells the credentials that the server answered 401 to a request sent with {@code
   * authorization}. Returns true if a new value is available for one more attempt (a cached token
   * was dropped), false if retrying would send the same value again.
   */
  public boolean invalidate(String authorization) {
    return false;
  }

  static void checkHeaderSafe(String value, String what) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            what
                + " has a character not allowed in an HTTP header at index "
                + i
                + " ("
                + String.format("U+%04X", (int) c)
                + "); check for a stray line break or space");
      }
    }
  }

  static void checkNoControl(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            what
                + " has a control character at index "
                + i
                + " ("
                + String.format("U+%04X", (int) c)
                + "); check for a stray line break");
      }
    }
  }

  private static final class Fixed extends Credentials {
    private final String authorization;
    private final String description;

    Fixed(String authorization, String description) {
      this.authorization = authorization;
      this.description = description;
    }

    @Override
    public String authorization(OkHttpClient http, Clock clock) {
      return authorization;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
