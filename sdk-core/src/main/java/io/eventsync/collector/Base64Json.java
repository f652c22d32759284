package io.eventsync.collector;

import io.eventsync.DecodingException;
import io.eventsync.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the collector's {@code base64_encoded_*_json} fields: standard base64 (RFC
 * 4648 §4, with padding) of the UTF-8 bytes of a JSON text. Decoding also accepts the URL-safe
 * alphabet, missing padding and line breaks, as producers differ.
 */
final class Base64Json {
  private Base64Json() {}

  /** Returns the base64 of {@code bytes}, or null for null. */
  static @Nullable String encode(byte @Nullable [] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Returns the base64 of the UTF-8 bytes of {@code json}, or null for null.
   *
   * @throws IllegalArgumentException naming {@code field} if {@code json} is not a JSON text
   */
  static @Nullable String encodeJson(@Nullable String json, String field) {
    if (json == null) {
      return null;
    }
    try {
      Json.decode(Adapters.ANY, json, field);
    } catch (DecodingException e) {
      throw new IllegalArgumentException(field + " must be a JSON text: " + e.getMessage(), e);
    }
    return encode(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the bytes {@code base64} stands for, or null for null.
   *
   * @throws DecodingException naming {@code field} if it is not base64
   */
  static byte @Nullable [] decode(@Nullable String base64, String field) {
    if (base64 == null) {
      return null;
    }
    String text = base64.replaceAll("\\s", "");
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw new DecodingException(
          field + " is not base64: " + e.getMessage(), "$." + field, true, e);
    }
  }

  /** Returns the UTF-8 text {@code base64} stands for, or null for null. */
  static @Nullable String decodeText(@Nullable String base64, String field) {
    byte[] bytes = decode(base64, field);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
