package io.eventsync.internal;

import io.eventsync.Api;
import io.eventsync.auth.Credentials;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What an API family needs from the client: the HTTP core and its base URL.
 *
 * @param core the HTTP core (credentials, retries, logging)
 * @param api the API family
 * @param baseUrl the family's base URL
 */
public record ApiContext(HttpCore core, Api api, HttpUrl baseUrl) {
  /** Checks the components. */
  public ApiContext {
    Objects.requireNonNull(core, "core == null");
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
  }

  /**
   * Returns the base URL with {@code segments} appended, each encoded as one path segment (so a
   * code containing {@code /} cannot change the path).
   */
  public HttpUrl url(String... segments) {
    HttpUrl.Builder builder = baseUrl.newBuilder();
    if (baseUrl.encodedPath().endsWith("/")) {
      builder.removePathSegment(baseUrl.pathSize() - 1);
    }
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder.build();
  }

  /**
   * Returns a context that authenticates with {@code credentials} (as {@link
   * CredentialsAccess#forApi} says for this API and base URL), sharing pools and settings.
   */
  public ApiContext withCredentials(Credentials credentials) {
    return new ApiContext(
        core.withCredentials(CredentialsAccess.forApi(credentials, api, baseUrl)), api, baseUrl);
  }

  /**
   * Returns {@code value} if it is a usable path segment or identifier.
   *
   * @throws IllegalArgumentException naming {@code name} if blank, {@code .} or {@code ..}
   * @throws NullPointerException if null
   */
  public static String requireId(String value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " == null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException(
          name + " must not be \"" + value + "\": it would change the request's path");
    }
    return value;
  }
}
