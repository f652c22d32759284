package io.eventsync.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain OkHttp calls against a sandbox, so the sandbox is checked without the SDK client. */
final class Http {
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  static final String BEARER = "Bearer " + EventSyncSandbox.DEV_TOKEN;

  /** One answer: status, headers and body text. */
  static final class Reply {
    final int status;
    final Headers headers;
    final String body;

    Reply(int status, Headers headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    /** The body parsed as JSON: maps, lists, strings, longs, booleans. */
    Object json() {
      return JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final String base;
  final OkHttpClient client;

  Http(EventSyncSandbox sandbox) {
    this(sandbox.url());
  }

  Http(String base) {
    this.base = base;
    this.client =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .callTimeout(Duration.ofSeconds(10))
            .build();
  }

  Reply get(String path) {
    return call(new Request.Builder().url(base + path).header("Authorization", BEARER).build());
  }

  Reply post(String path, String json) {
    return send("POST", path, json, BEARER);
  }

  Reply put(String path, String json) {
    return send("PUT", path, json, BEARER);
  }

  Reply send(String method, String path, String json, String authorization) {
    Request.Builder request =
        new Request.Builder()
            .url(base + path)
            .method(
                method,
                json == null
                    ? (method.equals("GET") || method.equals("DELETE")
                        ? null
                        : RequestBody.create(new byte[0], JSON))
                    : RequestBody.create(json, JSON));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return call(request.build());
  }

  Reply call(Request request) {
    try (Response response = client.newCall(request).execute()) {
      return new Reply(response.code(), response.headers(), response.body().string());
    } catch (IOException e) {
      throw new AssertionError("call failed: " + request.method() + " " + request.url(), e);
    }
  }

  /** Builds a JSON text from a map (test convenience). */
  static String json(Object value) {
    return JsonCodec.write(value);
  }
}
