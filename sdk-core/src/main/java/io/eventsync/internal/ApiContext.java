package io.eventsync.internal;

import io.eventsync.Api;
import io.eventsync.auth.Credentials;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

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
   * Returns the base URL with {@code path}'s segments appended, as {@link #url(String...)} does;
   * the URL is built once per base URL and then reused (calls with a fixed path build no URL).
   */
  public HttpUrl url(FixedPath path) {
    FixedPath.Built last = path.last;
    if (last != null && (last.base == baseUrl || last.base.equals(baseUrl))) {
      return last.url;
    }
    HttpUrl url = url(path.segments);
    path.last = new FixedPath.Built(baseUrl, url);
    return url;
  }

  /**
   * A path that does not change from call to call ({@code integration/v1/queues}), whose URL {@link
   * #url(FixedPath)} keeps for the base URL it was last built for. Thread-safe.
   */
  public static final class FixedPath {
    private final String[] segments;
    private volatile @Nullable Built last;

    private record Built(HttpUrl base, HttpUrl url) {}

    private FixedPath(String[] segments) {
      this.segments = segments;
    }

    /** Returns the path of {@code segments}, each one path segment. */
    public static FixedPath of(String... segments) {
      return new FixedPath(segments.clone());
    }
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
