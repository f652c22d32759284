package io.eventsync.jdbc;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An in-memory queue with Tiki's ack protocol (copied from the poller tests), shared by the pollers
 * of one test like a server: pulling with the ack id of the last delivered batch acknowledges it;
 * any other ack id redelivers from the first unacknowledged event. Thread-safe.
 */
final class MemoryQueue implements EventSource<MemoryQueue.Event> {
  /** A test event; {@code seq} is its place in the queue. */
  record Event(String id, long seq) {}

  private final String stream;
  private final int batchSize;
  private final List<Event> events = new ArrayList<>();
  private int acknowledged;
  private String lastAckId;
  private int lastBatchEnd;

  MemoryQueue(String stream, int batchSize) {
    this.stream = stream;
    this.batchSize = batchSize;
  }

  synchronized void emit(int count) {
    for (int i = 0; i < count; i++) {
      int n = events.size();
      events.add(new Event("e" + n, n));
    }
  }

  synchronized int size() {
    return events.size();
  }

  @Override
  public String stream() {
    return stream;
  }

  @Override
  public synchronized Batch<Event> fetch(Checkpoint checkpoint) {
    if (checkpoint.position() != null && checkpoint.position().equals(lastAckId)) {
      acknowledged = lastBatchEnd;
    }
    int end = Math.min(events.size(), acknowledged + batchSize);
    List<Event> batch = new ArrayList<>(events.subList(acknowledged, end));
    lastAckId = UUID.randomUUID().toString();
    lastBatchEnd = end;
    // The batch's ids stay done at the next position until a pull confirms its ack: a stale pull
    // (a poller abandoned mid-batch, or a paused one) can replace the ack id, and the queue then
    // delivers the batch again after the position.
    List<String> ids = new ArrayList<>();
    for (Event event : batch) {
      ids.add(event.id());
    }
    return new Batch<>(batch, lastAckId, ids, batch.isEmpty());
  }

  @Override
  public String id(Event event) {
    return event.id();
  }

  @Override
  public Instant createdAt(Event event) {
    return null;
  }

  @Override
  public String type(Event event) {
    return "TEST";
  }

  @Override
  public String toJson(Event event) {
    return "{\"id\":\"" + event.id() + "\",\"seq\":" + event.seq() + "}";
  }

  @Override
  public Event fromJson(String json) {
    return new Event(
        json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"),
        Long.parseLong(json.replaceAll(".*\"seq\":(\\d+).*", "$1")));
  }
}
