package io.eventsync.examples;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import okio.Buffer;

/** Writes the one-line JSON records the tail and listen commands print. */
final class JsonLines {
  private JsonLines() {}

  /** Prints {@code {"id": ..., "type": ..., "created_at": ...}} and flushes it. */
  static void event(PrintWriter out, String id, String type, Instant createdAt) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.beginObject();
      json.name("id").value(id);
      json.name("type").value(type);
      json.name("created_at").value(createdAt == null ? null : createdAt.toString());
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(buffer.readUtf8());
    out.flush(); // printed before the poller records the event as handled
  }
}
