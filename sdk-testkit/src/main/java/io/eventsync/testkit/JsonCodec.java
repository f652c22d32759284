package io.eventsync.testkit;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Plain JSON to and from maps, lists, strings, numbers, booleans and null.
 *
 * <p>Integral numbers read as {@link Long} (so {@code 100} is echoed as {@code 100}, never {@code
 * 100.0}), other numbers as {@link BigDecimal}. Objects keep their key order.
 */
final class JsonCodec {
  private JsonCodec() {}

  /**
   * Returns a parsed JSON object as a deeply unmodifiable map: safe to share between the events
   * that carry it and the callers that read them.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> unmodifiable(Object parsedObject) {
    return (Map<String, Object>) freeze(parsedObject);
  }

  private static Object freeze(Object value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> copy.put((String) k, freeze(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      ((List<?>) value).forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * Parses one JSON value.
   *
   * @throws SandboxError 400 {@code MALFORMED_JSON} if the text is not one complete JSON value
   */
  static Object parse(byte[] bytes) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IOException("unexpected data after the JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SandboxError) {
        throw (SandboxError) e;
      }
      throw new SandboxError(400, "MALFORMED_JSON", "request body is not valid JSON");
    }
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          map.put(reader.nextName(), read(reader));
        }
        reader.endObject();
        return map;
      case BEGIN_ARRAY:
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      case STRING:
        return reader.nextString();
      case NUMBER:
        String text = reader.nextString();
        BigDecimal number = new BigDecimal(text);
        try {
          return number.longValueExact();
        } catch (ArithmeticException notIntegral) {
          return number;
        }
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IOException("unexpected token " + reader.peek());
    }
  }

  /** Returns {@code value} as compact JSON text. */
  static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Writes {@code value}; nulls inside objects are written as {@code null}. */
  static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        write(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof List) {
      writer.beginArray();
      for (Object element : (List<?>) value) {
        write(writer, element);
      }
      writer.endArray();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else {
      writer.value(value.toString());
    }
  }
}
