package io.eventsync.queue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a pull's answer ({@link EventBatch} and its {@link QueueEvent}s) straight from the
 * reader, as Moshi's record adapters of the wire forms would, without their per-event costs: no
 * wire twin per event, no canonical constructor called through a spreading {@code MethodHandle},
 * known event types matched without building a string. Reads what those adapters read (unknown
 * fields ignored, the last of repeated fields kept, null and absent fields null, numbers accepted
 * where strings are, {@code created_at} by the SDK's instant rules, the payload kept verbatim), and
 * fails with the same messages and paths; two answers that failed with an unchecked exception other
 * than a decoding failure now fail as a wrong shape: an event that is JSON {@code null}, and a
 * blank event type. A pull's answer is read by every poll, so this is on the poller's hot path.
 * Stateless and thread-safe.
 */
final class BatchDecoder extends JsonAdapter<EventBatch> {
  static final BatchDecoder INSTANCE = new BatchDecoder();

  private static final JsonReader.Options BATCH_FIELDS = JsonReader.Options.of("events", "ack_id");
  private static final JsonReader.Options EVENT_FIELDS =
      JsonReader.Options.of("id", "sid", "created_at", "type", "version", "payload");
  private static final List<EventType> KNOWN = EventType.knownValues();
  private static final JsonReader.Options KNOWN_TYPES =
      JsonReader.Options.of(KNOWN.stream().map(EventType::value).toArray(String[]::new));
  private static final JsonAdapter<Instant> EPOCH_MILLIS =
      Json.moshi().adapter(Instant.class, Json.EpochMillis.class);
  private static final JsonAdapter<String> RAW_JSON =
      Json.moshi().adapter(String.class, Json.RawJson.class);

  private BatchDecoder() {}

  @Override
  public @Nullable EventBatch fromJson(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    List<QueueEvent> events = null;
    String ackId = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(BATCH_FIELDS)) {
        case 0 -> events = readEvents(reader);
        case 1 -> ackId = string(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    return new EventBatch(events, ackId);
  }

  private static @Nullable List<QueueEvent> readEvents(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    List<QueueEvent> events = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() == JsonReader.Token.NULL) {
        throw new JsonDataException("expected an event but was null at path " + reader.getPath());
      }
      events.add(readEvent(reader));
    }
    reader.endArray();
    return events;
  }

  private static QueueEvent readEvent(JsonReader reader) throws IOException {
    String id = null;
    String sid = null;
    Instant createdAt = null;
    EventType type = null;
    String version = null;
    String payload = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(EVENT_FIELDS)) {
        case 0 -> id = string(reader);
        case 1 -> sid = string(reader);
        case 2 -> createdAt = EPOCH_MILLIS.fromJson(reader);
        case 3 -> type = type(reader);
        case 4 -> version = string(reader);
        case 5 -> payload = RAW_JSON.fromJson(reader);
        default -> {
          reader.skipName();
          reader.skipValue();
        }
      }
    }
    reader.endObject();
    return new QueueEvent(id, sid, createdAt, type, version, payload);
  }

  /** A string, or a number's text, or null; anything else fails as Moshi's string adapter does. */
  private static @Nullable String string(JsonReader reader) throws IOException {
    return reader.peek() == JsonReader.Token.NULL ? reader.nextNull() : reader.nextString();
  }

  private static @Nullable EventType type(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    int known = reader.selectString(KNOWN_TYPES);
    if (known >= 0) {
      return KNOWN.get(known); // the common case, without a String
    }
    String value = reader.nextString();
    if (value.isBlank()) {
      throw new JsonDataException("blank event type at path " + reader.getPath());
    }
    return EventType.of(value);
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable EventBatch value) throws IOException {
    Adapters.BATCH.toJson(writer, value);
  }

  @Override
  public String toString() {
    return "BatchDecoder";
  }
}
