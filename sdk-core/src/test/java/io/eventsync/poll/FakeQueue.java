package io.eventsync.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An in-memory queue with Tiki's ack protocol, as an {@link EventSource}: pulling with the ack id
 * of the last delivered batch acknowledges it; any other ack id redelivers from the first
 * unacknowledged event.
 */
final class FakeQueue implements EventSource<FakeQueue.Event> {
  /** A test event: {@code key} groups events of one entity, {@code version} orders them. */
  record Event(String id, String key, long version, Instant createdAt) {}

  private final List<Event> events = new ArrayList<>();
  private final String stream;
  private final int batchSize;
  private int acknowledged; // events [0, acknowledged) are acked
  private String lastAckId;
  private int lastBatchEnd;
  int pulls;

  /** Runs at the start of every fetch. */
  volatile Runnable beforeFetch = () -> {};

  FakeQueue(int batchSize) {
    this("fake", batchSize);
  }

  FakeQueue(String stream, int batchSize) {
    this.stream = stream;
    this.batchSize = batchSize;
  }

  synchronized void emit(int count, int keys) {
    for (int i = 0; i < count; i++) {
      int n = events.size();
      events.add(
          new Event("e" + n, "k" + (n % keys), n, Instant.ofEpochSecond(1_700_000_000L + n)));
    }
  }

  synchronized List<Event> all() {
    return List.copyOf(events);
  }

  @Override
  public String stream() {
    return stream;
  }

  @Override
  public synchronized Batch<Event> fetch(Checkpoint checkpoint) {
    beforeFetch.run();
    pulls++;
    if (checkpoint.position() != null && checkpoint.position().equals(lastAckId)) {
      acknowledged = lastBatchEnd;
    }
    int end = Math.min(events.size(), acknowledged + batchSize);
    List<Event> batch = new ArrayList<>(events.subList(acknowledged, end));
    lastAckId = UUID.randomUUID().toString();
    lastBatchEnd = end;
    return new Batch<>(batch, lastAckId, List.of(), batch.isEmpty());
  }

  @Override
  public String id(Event event) {
    return event.id();
  }

  @Override
  public Instant createdAt(Event event) {
    return event.createdAt();
  }

  @Override
  public String type(Event event) {
    return "TEST";
  }

  @Override
  public String toJson(Event event) {
    return "{\"id\":\""
        + event.id()
        + "\",\"key\":\""
        + event.key()
        + "\",\"version\":"
        + event.version()
        + ",\"createdAt\":"
        + event.createdAt().getEpochSecond()
        + "}";
  }

  @Override
  public Event fromJson(String json) {
    String id = json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    String key = json.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    long version = Long.parseLong(json.replaceAll(".*\"version\":(\\d+).*", "$1"));
    long created = Long.parseLong(json.replaceAll(".*\"createdAt\":(\\d+).*", "$1"));
    return new Event(id, key, version, Instant.ofEpochSecond(created));
  }
}
