package io.eventsync.collector;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.ResponseReader;
import org.jspecify.annotations.Nullable;

/** Sends the collector's calls for one tenant: every request carries {@code X-TWC-Tenant}. */
final class TenantCalls {
  static final String TENANT_HEADER = "X-TWC-Tenant";

  private final ApiContext context;
  private final String tenantId;

  TenantCalls(ApiContext context, String tenantId) {
    this.context = context;
    this.tenantId = tenantId;
  }

  String tenantId() {
    return tenantId;
  }

  /** GETs {@code /api/v1/<path...>} and decodes the answer as {@code what}. */
  <T> T get(JsonAdapter<T> adapter, String what, String... path) {
    return execute(ApiRequest.get(url(path)), ResponseReader.json(adapter, what));
  }

  /**
   * Sends {@code value} as JSON to {@code /api/v1/<path...>} and decodes the answer, {@code what},
   * with the same adapter.
   */
  <T> T exchange(
      String method,
      JsonAdapter<T> adapter,
      T value,
      boolean idempotent,
      String what,
      String... path) {
    return send(
        method, adapter.toJson(value), idempotent, ResponseReader.json(adapter, what), path);
  }

  /**
   * Sends {@code body} (a JSON text, or null for none) to {@code /api/v1/<path...>}.
   *
   * @param idempotent whether the call may be repeated after it may have reached the collector
   */
  <T> T send(
      String method,
      @Nullable String body,
      boolean idempotent,
      ResponseReader<T> reader,
      String... path) {
    ApiRequest request =
        body == null
            ? new ApiRequest(method, url(path), okhttp3.Headers.EMPTY, null, null, idempotent)
            : ApiRequest.json(method, url(path), body, idempotent);
    return execute(request, reader);
  }

  private <T> T execute(ApiRequest request, ResponseReader<T> reader) {
    return context.core().execute(request.withHeader(TENANT_HEADER, tenantId), reader);
  }

  private okhttp3.HttpUrl url(String... path) {
    String[] segments = new String[path.length + 2];
    segments[0] = "api";
    segments[1] = "v1";
    System.arraycopy(path, 0, segments, 2, path.length);
    return context.url(segments);
  }
}
