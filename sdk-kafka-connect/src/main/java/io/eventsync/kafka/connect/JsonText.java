package io.eventsync.kafka.connect;

import io.eventsync.eventlog.LogEvent;
import io.eventsync.queue.QueueEvent;
import java.time.Instant;

/** Writes the events as JSON text, their raw payloads kept byte for byte. */
final class JsonText {
  private JsonText() {}

  /**
   * Returns a queue event as the queue served it: {@code id}, {@code sid}, {@code created_at}
   * (epoch milliseconds), {@code type}, {@code version} and the raw {@code payload}.
   */
  static String queueEvent(QueueEvent event) {
    StringBuilder json = new StringBuilder(128 + length(event.payloadJson()));
    json.append('{');
    field(json, "id", event.id()).append(',');
    field(json, "sid", event.sid()).append(',');
    json.append("\"created_at\":").append(millis(event.createdAt())).append(',');
    field(json, "type", event.type() == null ? null : event.type().value()).append(',');
    field(json, "version", event.version()).append(',');
    json.append("\"payload\":").append(event.payloadJson() == null ? "null" : event.payloadJson());
    return json.append('}').toString();
  }

  /**
   * Returns an events-log row as the log served it: {@code id}, {@code eventType}, {@code
   * createdAt}, {@code eventAt} (ISO-8601) and the raw {@code details}.
   */
  static String logEvent(LogEvent row) {
    StringBuilder json = new StringBuilder(128 + length(row.details()));
    json.append('{');
    field(json, "id", row.id()).append(',');
    field(json, "eventType", row.eventType() == null ? null : row.eventType().value()).append(',');
    field(json, "createdAt", iso(row.createdAt())).append(',');
    field(json, "eventAt", iso(row.eventAt())).append(',');
    json.append("\"details\":").append(row.details() == null ? "null" : row.details());
    return json.append('}').toString();
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private static String millis(Instant instant) {
    return instant == null ? "null" : Long.toString(instant.toEpochMilli());
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    if (value == null) {
      return json.append("null");
    }
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
