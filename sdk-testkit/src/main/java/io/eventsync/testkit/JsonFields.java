package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, validating read access to one JSON object of a request body. Every failure is a 400 {@link
 * SandboxError} that names the field by its path (for example {@code sync_webhook.order.url}).
 */
final class JsonFields {
  private final Map<String, Object> map;
  private final String path;

  private JsonFields(Map<String, Object> map, String path) {
    this.map = map;
    this.path = path;
  }

  /** Parses a request body that must be a JSON object. */
  static JsonFields parseObject(byte[] body) {
    if (body.length == 0) {
      throw SandboxError.badRequest("request body is required and must be a JSON object");
    }
    return of(JsonCodec.parse(body), "");
  }

  /** Wraps {@code value}, which must be a JSON object. */
  static JsonFields of(Object value, String path) {
    if (!(value instanceof Map)) {
      throw SandboxError.badRequest(
          (path.isEmpty() ? "request body" : path) + " must be a JSON object");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((k, v) -> copy.put(String.valueOf(k), v));
    return new JsonFields(copy, path);
  }

  /** Returns the underlying map (key order kept). */
  Map<String, Object> asMap() {
    return map;
  }

  boolean has(String name) {
    return map.get(name) != null;
  }

  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private Object required(String name) {
    Object value = map.get(name);
    if (value == null) {
      throw SandboxError.badRequest(pathOf(name) + " is required");
    }
    return value;
  }

  private SandboxError wrongType(String name, String type) {
    return SandboxError.badRequest(pathOf(name) + " must be " + type);
  }

  /** Returns a required non-blank string. */
  String string(String name) {
    Object value = required(name);
    if (!(value instanceof String)) {
      throw wrongType(name, "a string");
    }
    if (((String) value).isBlank()) {
      throw SandboxError.badRequest(pathOf(name) + " must not be blank");
    }
    return (String) value;
  }

  /** Returns an optional string, or {@code fallback} when absent or null. */
  String optString(String name, String fallback) {
    return has(name) ? string(name) : fallback;
  }

  /** Returns a required integral number. */
  long longValue(String name) {
    Object value = required(name);
    if (!(value instanceof Long)) {
      throw wrongType(name, "an integer");
    }
    return (Long) value;
  }

  /** Returns an optional integral number, or {@code fallback}. */
  long optLong(String name, long fallback) {
    return has(name) ? longValue(name) : fallback;
  }

  /** Returns a required number (integral or not). */
  Number number(String name) {
    Object value = required(name);
    if (!(value instanceof Number)) {
      throw wrongType(name, "a number");
    }
    return (Number) value;
  }

  /** Returns a required boolean. */
  boolean bool(String name) {
    Object value = required(name);
    if (!(value instanceof Boolean)) {
      throw wrongType(name, "a boolean");
    }
    return (Boolean) value;
  }

  /** Returns an optional boolean, or {@code fallback}. */
  boolean optBool(String name, boolean fallback) {
    return has(name) ? bool(name) : fallback;
  }

  /** Returns a required nested object. */
  JsonFields object(String name) {
    return of(required(name), pathOf(name));
  }

  /** Returns a required array. */
  List<?> array(String name) {
    Object value = required(name);
    if (!(value instanceof List)) {
      throw wrongType(name, "an array");
    }
    return (List<?>) value;
  }

  /** Returns the element {@code index} of array {@code name} as an object. */
  JsonFields element(String name, List<?> array, int index) {
    return of(array.get(index), pathOf(name) + "[" + index + "]");
  }

  /** Returns a required string that must be one of {@code allowed}. */
  String oneOf(String name, List<String> allowed) {
    String value = string(name);
    if (!allowed.contains(value)) {
      throw SandboxError.badRequest(pathOf(name) + " must be one of " + allowed + ": " + value);
    }
    return value;
  }
}
