package io.eventsync.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The first interceptor of a client's HTTP calls: it knows every call in flight, from its start
 * until its response body is closed, so that closing the client cancels exactly the SDK's calls
 * (never others made with a supplied {@link okhttp3.OkHttpClient}), and it bounds every response
 * body (API calls, token requests, error answers) to the client's maximum response size.
 */
final class CallTracker implements Interceptor {
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private final long maxResponseBytes;
  private final @Nullable CallDeadlines deadlines;
  private volatile boolean closed;

  /**
   * @param callTimeoutMillis the client's call timeout, kept by {@link CallDeadlines} for the calls
   *     {@link HttpCore} makes; 0 for none
   */
  CallTracker(long maxResponseBytes, long callTimeoutMillis) {
    this.maxResponseBytes = maxResponseBytes;
    this.deadlines = CallDeadlines.of(callTimeoutMillis);
  }

  /** Returns the call timeout's keeper, or null if calls have no timeout. */
  @Nullable CallDeadlines deadlines() {
    return deadlines;
  }

  long maxResponseBytes() {
    return maxResponseBytes;
  }

  boolean isClosed() {
    return closed;
  }

  /** Refuses new calls and cancels those in flight; returns how many were cancelled. */
  int close() {
    closed = true;
    int cancelled = 0;
    for (Call call : calls) {
      if (!call.isCanceled()) {
        call.cancel();
        cancelled++;
      }
    }
    return cancelled;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Call call = chain.call();
    calls.add(call);
    if (closed) { // checked after adding, so close() either sees the call or the call sees closed
      calls.remove(call);
      throw new IOException("Canceled: the client was closed");
    }
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException | RuntimeException | Error e) {
      calls.remove(call);
      throw e;
    }
    return response
        .newBuilder()
        .body(BoundedBody.wrap(response.body(), maxResponseBytes, () -> calls.remove(call)))
        .build();
  }
}
