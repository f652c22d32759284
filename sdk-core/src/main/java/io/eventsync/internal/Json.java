package io.eventsync.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.eventsync.DecodingException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's one {@link Moshi} instance and its adapters.
 *
 * <ul>
 *   <li>{@link Instant}: reads epoch milliseconds (a number or a numeric string) or ISO-8601 text
 *       with any offset; writes ISO-8601 text, or epoch milliseconds where the component is
 *       annotated {@link EpochMillis}.
 *   <li>{@link OffsetDateTime}: ISO-8601, the offset kept.
 *   <li>{@link BigDecimal}: a number or a string holding one (prices arrive as both).
 *   <li>Open values: any {@code io.eventsync} class with {@code public static X of(String)} and
 *       {@code public String value()} (event types, statuses) reads any string and writes its
 *       value.
 * </ul>
 *
 * Unknown JSON fields are ignored by Moshi's record adapter.
 */
public final class Json {
  /** Marks an {@link Instant} that the wire carries as epoch milliseconds. */
  @Retention(RetentionPolicy.RUNTIME)
  @JsonQualifier
  public @interface EpochMillis {}

  /**
   * Marks a {@code String} that holds a JSON value verbatim (an event payload kept for the user):
   * read with {@link JsonReader#nextSource()}, written back as JSON, not as a string.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @JsonQualifier
  public @interface RawJson {}

  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(String.class, RawJson.class, new RawJsonAdapter())
          .add(Instant.class, EpochMillis.class, new InstantAdapter(true))
          .add(Instant.class, new InstantAdapter(false))
          .add(OffsetDateTime.class, new OffsetDateTimeAdapter())
          .add(BigDecimal.class, new BigDecimalAdapter())
          .add(Json::openValueAdapter)
          .add(WireForms.FACTORY)
          .build();

  private Json() {}

  /** Returns the shared Moshi instance. */
  public static Moshi moshi() {
    return MOSHI;
  }

  /** Returns the adapter for {@code type}. */
  public static <T> JsonAdapter<T> adapter(Type type) {
    return MOSHI.adapter(type);
  }

  /** Returns the adapter for a {@code List<elementType>}. */
  public static <T> JsonAdapter<T> listAdapter(Type elementType) {
    return MOSHI.adapter(Types.newParameterizedType(java.util.List.class, elementType));
  }

  private static final String LENIENT_ADVICE =
      "Use JsonReader.setLenient(true) to accept malformed JSON";

  /**
   * Decodes {@code source} with {@code adapter}.
   *
   * @throws DecodingException if the JSON is malformed or has the wrong shape (with the JSON path)
   */
  public static <T> T decode(JsonAdapter<T> adapter, BufferedSource source, String what) {
    return decode(adapter, JsonReader.of(source), what);
  }

  /**
   * Returns Moshi's description of malformed JSON without its advice to parse leniently, which is
   * for Moshi's callers, not ours: "malformed JSON at path $.x".
   */
  private static String malformed(String moshiMessage) {
    if (moshiMessage == null) {
      return "malformed JSON";
    }
    if (moshiMessage.startsWith(LENIENT_ADVICE)) {
      String rest = moshiMessage.substring(LENIENT_ADVICE.length()).strip();
      return rest.isEmpty() ? "malformed JSON" : "malformed JSON " + rest;
    }
    return "malformed JSON: " + moshiMessage;
  }

  /** Decodes a UTF-8 JSON string; see {@link #decode(JsonAdapter, BufferedSource, String)}. */
  public static <T> T decode(JsonAdapter<T> adapter, String json, String what) {
    return decode(adapter, new Buffer().writeUtf8(json), what);
  }

  /**
   * Decodes the JSON value {@code reader} is at with {@code adapter}, mapping failures as {@link
   * #decode(JsonAdapter, BufferedSource, String)} does; on failure, {@code reader} is left where it
   * failed, so that {@link #restIsWellFormed} can tell a wrong shape from a garbled body.
   */
  public static <T> T decode(JsonAdapter<T> adapter, JsonReader reader, String what) {
    try {
      T value = adapter.fromJson(reader);
      if (value == null) {
        throw new DecodingException(
            what + ": expected a JSON value but got null", "$", false, null);
      }
      return value;
    } catch (JsonEncodingException e) {
      throw new DecodingException(what + ": " + malformed(e.getMessage()), null, true, e);
    } catch (JsonDataException e) {
      throw new DecodingException(
          what + ": unexpected JSON shape: " + e.getMessage(), pathOf(e.getMessage()), false, e);
    } catch (java.io.EOFException e) {
      throw new DecodingException(what + ": the JSON body ended early", null, true, e);
    } catch (IOException e) {
      throw new DecodingException(what + ": the body could not be read: " + e, null, true, e);
    }
  }

  /**
   * Reads the rest of the JSON document {@code reader} is in, from wherever it stopped (after a
   * wrong-shape failure: the part before parsed well), and returns true if the whole document is
   * one well-formed JSON value; consumes it.
   */
  public static boolean restIsWellFormed(JsonReader reader) {
    try {
      while (true) {
        switch (reader.peek()) {
          case END_DOCUMENT -> {
            return true;
          }
          case END_ARRAY -> reader.endArray();
          case END_OBJECT -> reader.endObject();
          case NAME -> reader.skipName();
          default -> reader.skipValue();
        }
      }
    } catch (IOException | JsonDataException e) {
      return false;
    }
  }

  /** Returns true if {@code source} holds exactly one well-formed JSON value; consumes it. */
  public static boolean isWellFormed(BufferedSource source) {
    try {
      JsonReader reader = JsonReader.of(source);
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | JsonDataException e) {
      return false;
    }
  }

  /** Encodes {@code value} as compact JSON. */
  public static <T> String encode(JsonAdapter<T> adapter, T value) {
    return adapter.toJson(value);
  }

  /**
   * Encodes a JSON object of {@code keysAndValues} (key, value, key, value, ...), keeping null
   * values as JSON null.
   */
  public static String object(Object... keysAndValues) {
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return MAP.serializeNulls().toJson(map);
  }

  private static final JsonAdapter<java.util.Map<String, Object>> MAP =
      MOSHI.adapter(Types.newParameterizedType(java.util.Map.class, String.class, Object.class));

  private static @Nullable String pathOf(@Nullable String message) {
    if (message == null) {
      return null;
    }
    int at = message.lastIndexOf(" at path ");
    return at < 0 ? null : message.substring(at + " at path ".length());
  }

  private static final class RawJsonAdapter extends JsonAdapter<String> {
    @Override
    public @Nullable String fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      try (BufferedSource source = reader.nextSource()) {
        return source.readUtf8();
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable String value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else {
        try (okio.BufferedSink sink = writer.valueSink()) {
          sink.writeUtf8(value);
        }
      }
    }
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the layout every API here uses for UTC, without
   * a DateTimeFormatter (several times faster: it runs for every row of the events log); returns
   * null for anything else, which the caller parses in full.
   */
  static @Nullable Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (n != 20) {
      return null;
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    try {
      long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(
          epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (java.time.DateTimeException e) {
      return null; // e.g. February 30th: let the full parser report it
    }
  }

  /** Returns the decimal number in {@code s[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** True if every character is a digit or '-' (a plain loop: it runs for every instant read). */
  private static boolean isEpochMillisText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static final class InstantAdapter extends JsonAdapter<Instant> {
    private final boolean writeMillis;

    InstantAdapter(boolean writeMillis) {
      this.writeMillis = writeMillis;
    }

    @Override
    public @Nullable Instant fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      String text = reader.nextString(); // numbers come back as their text
      if (!text.isEmpty()
          && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')
          && isEpochMillisText(text)) {
        try {
          return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw new JsonDataException(
              "expected epoch milliseconds but was " + text + " at path " + reader.getPath());
        }
      }
      Instant fast = parseUtc(text);
      if (fast != null) {
        return fast;
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "expected an ISO-8601 date-time or epoch milliseconds but was \""
                + text
                + "\" at path "
                + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Instant value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else if (writeMillis) {
        writer.value(value.toEpochMilli());
      } else {
        writer.value(value.toString());
      }
    }
  }

  private static final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public @Nullable OffsetDateTime fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      String text = reader.nextString();
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        throw new JsonDataException(
            "expected an ISO-8601 date-time with offset but was \""
                + text
                + "\" at path "
                + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable OffsetDateTime value) throws IOException {
      writer.value(value == null ? null : value.toString());
    }
  }

  private static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public @Nullable BigDecimal fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token == JsonReader.Token.NULL) {
        return reader.nextNull();
      }
      if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
        throw new JsonDataException(
            "expected a number or a numeric string but was "
                + token
                + " at path "
                + reader.getPath());
      }
      String text = reader.nextString().trim();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException(
            "expected a number but was \"" + text + "\" at path " + reader.getPath());
      }
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }
  }

  private static @Nullable JsonAdapter<?> openValueAdapter(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?>)) {
      return null;
    }
    Class<?> raw = (Class<?>) type;
    if (raw.isEnum()
        || !raw.getName().startsWith("io.eventsync.")
        || !Modifier.isPublic(raw.getModifiers())) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle of = lookup.findStatic(raw, "of", MethodType.methodType(raw, String.class));
      MethodHandle value = lookup.findVirtual(raw, "value", MethodType.methodType(String.class));
      return new OpenValueAdapter(of, value).nullSafe();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  private static final class OpenValueAdapter extends JsonAdapter<Object> {
    private final MethodHandle of;
    private final MethodHandle value;

    OpenValueAdapter(MethodHandle of, MethodHandle value) {
      this.of = of;
      this.value = value;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return of.invoke(text);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object object) throws IOException {
      try {
        writer.value((String) value.invoke(object));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
