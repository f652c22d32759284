package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.eventlog.LogEvent;
import io.eventsync.eventlog.LogEventType;
import io.eventsync.poll.DeadLetter;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireFormsTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

  @Test
  void queueEventReadsAndWritesEpochMillisAndThePayloadVerbatim() {
    String wire =
        "{\"id\":\"e1\",\"sid\":\"s1\",\"created_at\":1772360130123,\"type\":\"NEW_TYPE\","
            + "\"version\":\"v1\",\"payload\":{\"a\":[1,2],\"b\":null},\"extra\":true}";

    QueueEvent event = Json.decode(Json.adapter(QueueEvent.class), wire, "event");

    assertThat(event)
        .isEqualTo(
            new QueueEvent(
                "e1", "s1", AT, EventType.of("NEW_TYPE"), "v1", "{\"a\":[1,2],\"b\":null}"));
    assertThat(Json.encode(Json.adapter(QueueEvent.class), event))
        .isEqualTo(
            "{\"id\":\"e1\",\"sid\":\"s1\",\"created_at\":1772360130123,\"type\":\"NEW_TYPE\","
                + "\"version\":\"v1\",\"payload\":{\"a\":[1,2],\"b\":null}}");
  }

  @Test
  void logEventKeepsItsDetailsVerbatim() {
    String wire =
        "{\"id\":\"r1\",\"eventType\":\"TRANSACTION_STATUS_CHANGE\","
            + "\"createdAt\":\"2026-03-01T10:15:30.123Z\",\"details\":{\"status\":\"SUCCESS\"}}";

    LogEvent row = Json.decode(Json.adapter(LogEvent.class), wire, "row");

    assertThat(row)
        .isEqualTo(
            new LogEvent(
                "r1",
                LogEventType.TRANSACTION_STATUS_CHANGE,
                AT,
                null,
                "{\"status\":\"SUCCESS\"}"));
    assertThat(Json.encode(Json.adapter(LogEvent.class), row))
        .isEqualTo(
            "{\"id\":\"r1\",\"eventType\":\"TRANSACTION_STATUS_CHANGE\","
                + "\"createdAt\":\"2026-03-01T10:15:30.123Z\",\"details\":{\"status\":\"SUCCESS\"}}");
  }

  @Test
  void deadLetterWritesTheEventAsJsonNotAsAString() {
    DeadLetter letter =
        new DeadLetter("s", "e1", "T", "{\"id\":\"e1\"}", "java.lang.Exception: x", 3, AT);

    String json = Json.encode(Json.adapter(DeadLetter.class), letter);

    assertThat(json)
        .isEqualTo(
            "{\"stream\":\"s\",\"event_id\":\"e1\",\"event_type\":\"T\",\"event\":{\"id\":\"e1\"},"
                + "\"error\":\"java.lang.Exception: x\",\"attempts\":3,"
                + "\"failed_at\":\"2026-03-01T10:15:30.123Z\"}");
    DeadLetter decoded = Json.decode(Json.adapter(DeadLetter.class), json, "dead letter");
    assertThat(decoded).isEqualTo(letter);
  }
}
