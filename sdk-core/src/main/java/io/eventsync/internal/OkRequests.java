package io.eventsync.internal;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link HttpCore}'s {@link ApiRequest}s into OkHttp requests: the {@code User-Agent}, {@code
 * Accept} and {@code Authorization} headers, the body, and the {@link CallTag}. Requests without
 * extra headers (most) share one immutable {@link Headers} for as long as the credentials return
 * the same authorization string, instead of building it for every call. Thread-safe.
 */
final class OkRequests {
  private static final Logger log = LoggerFactory.getLogger("io.eventsync.http");
  private static final RequestBody EMPTY_BODY = RequestBody.create(new byte[0], null);

  private final String userAgent;
  private volatile @Nullable CommonHeaders commonHeaders; // the last built, reused while it fits

  OkRequests(String userAgent) {
    this.userAgent = userAgent;
  }

  /** Returns {@code request} as an OkHttp request with the common headers and {@code tag}. */
  Request build(ApiRequest request, @Nullable String authorization, CallTag tag) {
    Request.Builder builder =
        new Request.Builder()
            .url(request.url())
            .headers(headers(request.headers(), authorization))
            .tag(CallTag.class, tag);
    RequestBody body = null;
    if (request.body() != null) {
      body = RequestBody.create(request.body(), request.contentType());
      if (log.isTraceEnabled()) {
        log.trace(
            "{} request body: {}",
            request.describe(),
            Redactor.redactBody(new String(request.body(), StandardCharsets.UTF_8)));
      }
    } else if (!request.method().equals("GET") && !request.method().equals("DELETE")) {
      body = EMPTY_BODY;
    }
    return builder.method(request.method(), body).build();
  }

  /**
   * Returns {@code extra} with the {@code User-Agent}, {@code Accept} and (if not null) {@code
   * Authorization} headers set. Requests without extra headers (most) get the same immutable
   * headers for as long as the credentials return the same authorization string.
   */
  private Headers headers(Headers extra, @Nullable String authorization) {
    if (extra.size() > 0) {
      Headers.Builder headers =
          extra.newBuilder().set("User-Agent", userAgent).set("Accept", "application/json");
      if (authorization != null) {
        headers.set("Authorization", authorization);
      }
      return headers.build();
    }
    CommonHeaders last = commonHeaders;
    if (last != null && last.authorization == authorization) { // the authorizer's own string
      return last.headers;
    }
    Headers.Builder headers =
        new Headers.Builder().add("User-Agent", userAgent).add("Accept", "application/json");
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    CommonHeaders built = new CommonHeaders(authorization, headers.build());
    commonHeaders = built;
    return built.headers;
  }

  /**
   * The headers of requests without extra headers, and the authorization they carry. No {@code
   * toString()}: the authorization is a secret.
   */
  private static final class CommonHeaders {
    final @Nullable String authorization;
    final Headers headers;

    CommonHeaders(@Nullable String authorization, Headers headers) {
      this.authorization = authorization;
      this.headers = headers;
    }
  }
}
