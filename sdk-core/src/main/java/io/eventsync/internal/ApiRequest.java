package io.eventsync.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * One API call to make: method, URL, headers, body and whether repeating it is safe.
 *
 * @param method the HTTP method
 * @param url the full URL
 * @param headers extra headers (never {@code Authorization}: that comes from the credentials)
 * @param body the body bytes, or null for none
 * @param contentType the body's media type, or null for none
 * @param idempotent true if sending it twice has the effect of sending it once (GET, PUT, DELETE,
 *     and calls made safe by their protocol, like a queue pull)
 */
public record ApiRequest(
    String method,
    HttpUrl url,
    Headers headers,
    byte @Nullable [] body,
    @Nullable MediaType contentType,
    boolean idempotent) {
  /** JSON in UTF-8. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Checks the components. */
  public ApiRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(headers, "headers == null");
  }

  /** Returns a GET of {@code url}. */
  public static ApiRequest get(HttpUrl url) {
    return new ApiRequest("GET", url, Headers.EMPTY, null, null, true);
  }

  /** Returns a request with a JSON body. */
  public static ApiRequest json(String method, HttpUrl url, String json, boolean idempotent) {
    return new ApiRequest(
        method, url, Headers.EMPTY, json.getBytes(StandardCharsets.UTF_8), JSON, idempotent);
  }

  /** Returns a copy with one more header. */
  public ApiRequest withHeader(String name, String value) {
    return new ApiRequest(
        method, url, headers.newBuilder().add(name, value).build(), body, contentType, idempotent);
  }

  /** Returns {@code METHOD /path}, for messages and logs (no query, no host). */
  public String describe() {
    return method + " " + url.encodedPath();
  }
}
