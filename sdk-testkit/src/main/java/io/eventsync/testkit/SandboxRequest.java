package io.eventsync.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** One request as the handlers see it: method, path, query, headers, body and caller. */
final class SandboxRequest {
  final String method;
  final String path;
  final HttpUrl url;
  final Headers headers;
  final byte[] body;
  private Map<String, String> params = Map.of();
  private TokenStore.Principal principal = TokenStore.Principal.ANONYMOUS;

  SandboxRequest(String method, HttpUrl url, Headers headers, byte[] body) {
    this.method = method;
    this.url = url;
    this.path = url.encodedPath();
    this.headers = headers;
    this.body = body;
  }

  static SandboxRequest of(RecordedRequest recorded) {
    byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
    return new SandboxRequest(recorded.getMethod(), recorded.getUrl(), recorded.getHeaders(), body);
  }

  void bind(Map<String, String> params, TokenStore.Principal principal) {
    this.params = params;
    this.principal = principal;
  }

  /** A path parameter of the matched route template, percent-decoded. */
  String param(String name) {
    String raw = params.get(name);
    if (raw == null) {
      return null;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw SandboxError.badRequest(
          "path segment {" + name + "} has a malformed percent-escape: " + raw);
    }
  }

  /** The authenticated caller (anonymous on routes without auth). */
  TokenStore.Principal principal() {
    return principal;
  }

  /** A header value, or null. */
  @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The body as a JSON object; a 400 if it is missing, malformed or not an object. */
  JsonFields json() {
    return JsonFields.parseObject(body);
  }

  /** The body as an optional JSON object: an empty body reads as {@code {}}. */
  JsonFields jsonOrEmpty() {
    return body.length == 0 ? JsonFields.of(new LinkedHashMap<>(), "") : json();
  }

  /** The body as {@code application/x-www-form-urlencoded} fields (last value wins). */
  Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        form.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new SandboxError(400, "invalid_request", "malformed form body");
      }
    }
    return form;
  }
}
