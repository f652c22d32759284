package io.eventsync.internal;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows the redirects the SDK accepts, with OkHttp's own redirect following turned off: only
 * within one origin (scheme, host and port), and a 301, 302 or 303 only for {@code GET} and {@code
 * HEAD} (for a {@code POST} it would become a {@code GET} whose answer is not the one asked for). A
 * 307 or 308 keeps the method and the body, which is safe since it goes to the same server. Any
 * other redirect is handed back unfollowed, and {@link HttpCore} turns it into a {@link
 * io.eventsync.RedirectException}. Requests without a {@link CallTag} (token requests) get every
 * redirect back unfollowed.
 */
final class RedirectGuard implements Interceptor {
  /** At most this many redirects in a row, as OkHttp. */
  static final int MAX_FOLLOW_UPS = 20;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    if (!response.isRedirect() || request.tag(CallTag.class) == null) {
      return response;
    }
    for (int followUps = 1; ; followUps++) {
      Request next = followUp(request, response);
      if (next == null) {
        return response;
      }
      response.close();
      if (followUps > MAX_FOLLOW_UPS) {
        throw new ProtocolException("Too many follow-up requests: " + followUps);
      }
      request = next;
      response = chain.proceed(request);
    }
  }

  /** Returns the request that follows {@code response}'s redirect, or null to not follow it. */
  static @Nullable Request followUp(Request request, Response response) {
    int code = response.code();
    if (!response.isRedirect()) {
      return null;
    }
    HttpUrl target = target(request.url(), response);
    if (target == null || !sameOrigin(request.url(), target)) {
      return null;
    }
    boolean keepsMethod = code == 307 || code == 308;
    String method = request.method();
    if (!keepsMethod && !method.equals("GET") && !method.equals("HEAD")) {
      return null;
    }
    return request.newBuilder().url(target).build();
  }

  /** Returns where {@code response} redirects to, resolved against {@code from}, or null. */
  static @Nullable HttpUrl target(HttpUrl from, Response response) {
    String location = response.header("Location");
    return location == null ? null : from.resolve(location);
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
