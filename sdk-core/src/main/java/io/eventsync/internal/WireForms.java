package io.eventsync.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.eventlog.LogEventType;
import io.eventsync.poll.DeadLetter;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The wire forms of the public records whose JSON needs more than their component types say: an
 * instant written as epoch milliseconds ({@link Json.EpochMillis}), a JSON value kept verbatim
 * ({@link Json.RawJson}). The public records carry no SDK-internal annotation; each is read and
 * written through a private twin that carries them, with Moshi's own record adapter, so names,
 * unknown fields and nulls are handled exactly as for the other records. The twins are public only
 * because Moshi's record adapter reads public records alone.
 */
public final class WireForms {
  private WireForms() {}

  /** Returns the adapters of {@link QueueEvent}, {@link LogEvent} and {@link DeadLetter}. */
  static final JsonAdapter.Factory FACTORY =
      (type, annotations, moshi) -> {
        if (!annotations.isEmpty()) {
          return null;
        }
        if (type == QueueEvent.class) {
          return mapped(
              moshi.adapter(QueueEventWire.class),
              w -> new QueueEvent(w.id, w.sid, w.createdAt, w.type, w.version, w.payloadJson),
              e ->
                  new QueueEventWire(
                      e.id(), e.sid(), e.createdAt(), e.type(), e.version(), e.payloadJson()));
        }
        if (type == LogEvent.class) {
          return mapped(
              moshi.adapter(LogEventWire.class),
              w -> new LogEvent(w.id, w.eventType, w.createdAt, w.eventAt, w.details),
              e ->
                  new LogEventWire(e.id(), e.eventType(), e.createdAt(), e.eventAt(), e.details()));
        }
        if (type == DeadLetter.class) {
          return mapped(
              moshi.adapter(DeadLetterWire.class),
              w ->
                  new DeadLetter(
                      w.stream,
                      w.eventId,
                      w.eventType,
                      w.eventJson,
                      w.error,
                      w.attempts,
                      w.failedAt),
              d ->
                  new DeadLetterWire(
                      d.stream(),
                      d.eventId(),
                      d.eventType(),
                      d.eventJson(),
                      d.error(),
                      d.attempts(),
                      d.failedAt()));
        }
        return null;
      };

  private static <T, W> JsonAdapter<T> mapped(
      JsonAdapter<W> wire, Function<W, T> read, Function<T, W> write) {
    return new JsonAdapter<T>() {
      @Override
      public T fromJson(JsonReader reader) throws IOException {
        W value = wire.fromJson(reader);
        return value == null ? null : read.apply(value);
      }

      @Override
      public void toJson(JsonWriter writer, T value) throws IOException {
        wire.toJson(writer, value == null ? null : write.apply(value));
      }

      @Override
      public String toString() {
        return wire + ".mapped()";
      }
    };
  }

  /** {@link QueueEvent} on the wire. */
  public record QueueEventWire(
      String id,
      String sid,
      @Json.EpochMillis @com.squareup.moshi.Json(name = "created_at") Instant createdAt,
      EventType type,
      String version,
      @Json.RawJson @com.squareup.moshi.Json(name = "payload") String payloadJson) {}

  /** {@link LogEvent} on the wire. */
  public record LogEventWire(
      String id,
      LogEventType eventType,
      Instant createdAt,
      Instant eventAt,
      @Json.RawJson String details) {}

  /** {@link DeadLetter} on the wire. */
  public record DeadLetterWire(
      String stream,
      @com.squareup.moshi.Json(name = "event_id") String eventId,
      @com.squareup.moshi.Json(name = "event_type") String eventType,
      @Json.RawJson @com.squareup.moshi.Json(name = "event") String eventJson,
      String error,
      int attempts,
      @com.squareup.moshi.Json(name = "failed_at") Instant failedAt) {}
}
