package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Builders for the sandbox's HTTP answers. */
final class Responses {
  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";

  private Responses() {}

  /** A JSON answer; {@code body} is a map, list or scalar written by {@link JsonCodec}. */
  static MockResponse json(int status, Object body) {
    return text(status, JSON, JsonCodec.write(body));
  }

  /** An answer with this content type and body text. */
  static MockResponse text(int status, String contentType, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", contentType + "; charset=utf-8")
        .body(body)
        .build();
  }

  /** An answer without a body. */
  static MockResponse empty(int status) {
    return new MockResponse.Builder().code(status).build();
  }

  /** An RFC 7807 problem answer with {@code title}, {@code status}, {@code detail}. */
  static MockResponse problem(int status, String detail, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", reasonPhrase(status));
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", path);
    return text(status, PROBLEM_JSON, JsonCodec.write(body));
  }

  /** The standard reason phrase of {@code status}. */
  static String reasonPhrase(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 204:
        return "No Content";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 413:
        return "Content Too Large";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "HTTP " + status;
    }
  }
}
