package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The events log as a poller's stream: the checkpoint is the watermark and the ids seen at it. */
final class EventLogSource implements EventSource<LogEvent> {
  private final String stream;
  private final EventLogQuery query;
  private final Pager pager;

  EventLogSource(EventLogApi api, String stream, EventLogQuery query) {
    this.stream = stream;
    this.query = query;
    this.pager = new Pager(api, query);
  }

  @Override
  public String stream() {
    return stream;
  }

  @Override
  public Batch<LogEvent> fetch(Checkpoint checkpoint) {
    Checkpoint at =
        checkpoint.position() == null && checkpoint.version() == 0 ? query.start() : checkpoint;
    Pager.Page page = pager.next(at);
    List<LogEvent> events = new ArrayList<>(page.fresh().size());
    for (LogEvent row : page.fresh()) {
      if (query.eventTypes().isEmpty() || query.eventTypes().contains(row.eventType())) {
        events.add(row);
      }
    }
    // Rows filtered out by type are passed over: the position after the page covers them.
    return new Batch<>(
        events, page.after().position(), page.after().doneIds(), !page.full(), page.unreachable());
  }

  @Override
  public String id(LogEvent event) {
    return event.id();
  }

  @Override
  public @Nullable Instant createdAt(LogEvent event) {
    return event.createdAt();
  }

  @Override
  public @Nullable String type(LogEvent event) {
    return event.eventType() == null ? null : event.eventType().value();
  }

  @Override
  public String toJson(LogEvent event) {
    return EventLogApi.ROW.toJson(event);
  }

  @Override
  public LogEvent fromJson(String json) {
    return io.eventsync.internal.Json.decode(EventLogApi.ROW, json, "dead-lettered log event");
  }
}
