package io.eventsync.eventlog;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * Decodes a page of the events log row by row as it streams in, handing each row to {@link
 * #row(LogEvent)} instead of building a list: the rows a page repeats (those already seen at the
 * watermark) are dropped as they arrive, and no copy of the body or of the page is kept. Reads what
 * {@link LogEvent}'s record adapter reads (unknown fields are ignored) and rejects a row without a
 * string {@code id}, which no cursor could track. One instance decodes one page; not thread-safe.
 */
abstract class PageDecoder extends JsonAdapter<PageDecoder> {
  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of("id", "eventType", "createdAt", "eventAt", "details");
  private static final JsonReader.Options KNOWN_TYPES =
      JsonReader.Options.of(
          LogEventType.knownValues().stream().map(LogEventType::value).toArray(String[]::new));
  private static final JsonAdapter<Instant> INSTANT = Json.adapter(Instant.class);
  private static final JsonAdapter<String> RAW_JSON =
      Json.moshi().adapter(String.class, Json.RawJson.class);

  /** Called for each row of the page, in order. */
  abstract void row(LogEvent row);

  /**
   * Decodes the page. A value of the wrong shape in a body that is not well-formed JSON either is
   * reported as malformed (a {@link JsonEncodingException}), as {@code ResponseReader.json} does
   * for a body read whole: a garbled or cut answer is retried, a well-formed one of another shape
   * is not.
   */
  @Override
  public PageDecoder fromJson(JsonReader reader) throws IOException {
    try {
      reader.beginArray();
      while (reader.hasNext()) {
        row(readRow(reader));
      }
      reader.endArray();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("JSON document was not fully consumed.");
      }
      return this;
    } catch (JsonDataException e) {
      if (!Json.restIsWellFormed(reader)) {
        JsonEncodingException malformed = new JsonEncodingException("(" + e.getMessage() + ")");
        malformed.initCause(e);
        throw malformed;
      }
      throw e;
    }
  }

  private static LogEvent readRow(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException(
          "expected a row object but was " + reader.peek() + " at path " + reader.getPath());
    }
    String id = null;
    LogEventType type = null;
    Instant createdAt = null;
    Instant eventAt = null;
    String details = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0 ->
            id = reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextString();
        case 1 -> type = readType(reader);
        case 2 -> createdAt = INSTANT.fromJson(reader);
        case 3 -> eventAt = INSTANT.fromJson(reader);
        case 4 -> details = RAW_JSON.fromJson(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    if (id == null) { // the path still names the row: $[i].lastField
      throw new JsonDataException("events log row without an id at path " + reader.getPath());
    }
    reader.endObject();
    return new LogEvent(id, type, createdAt, eventAt, details);
  }

  private static LogEventType readType(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    int known = reader.selectString(KNOWN_TYPES);
    if (known >= 0) {
      return LogEventType.knownValues().get(known); // the common case, without a String
    }
    String value = reader.nextString();
    if (value.isBlank()) {
      throw new JsonDataException("blank eventType at path " + reader.getPath());
    }
    return LogEventType.of(value);
  }

  @Override
  public void toJson(JsonWriter writer, PageDecoder value) {
    throw new UnsupportedOperationException("a page decoder only reads");
  }
}
