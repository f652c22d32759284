package io.eventsync.queue;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.EventSource;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The queue as a poller's stream: the checkpoint's position is the ack id of the last batch whose
 * events are all handled; pulling with it acknowledges that batch and returns the next (or, after a
 * crash, the unacknowledged batch again, whose done ids the poller skips).
 */
final class QueueEventSource implements EventSource<QueueEvent> {
  private final EventQueueApi api;
  private final String queueCode;
  private final HttpUrl pullUrl; // built once: the poller pulls from it with every fetch

  QueueEventSource(EventQueueApi api, String queueCode) {
    this.api = api;
    this.queueCode = queueCode;
    this.pullUrl = api.pullUrl(queueCode);
  }

  @Override
  public String stream() {
    return "tiki-queue-" + queueCode;
  }

  @Override
  public Batch<QueueEvent> fetch(Checkpoint checkpoint) {
    EventBatch batch = api.pull(pullUrl, checkpoint.position());
    String next = batch.ackId() != null ? batch.ackId() : checkpoint.position();
    // The batch's ids stay done at the next position until a later pull confirms the ack: a stale
    // pull (a paused poller) can replace the ack id, and the queue then delivers the batch again.
    List<QueueEvent> events = batch.events();
    String[] ids = new String[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = events.get(i).id();
    }
    // Both lists immutable already, so the batch does not copy them again.
    return new Batch<>(events, next, List.of(ids), events.isEmpty());
  }

  @Override
  public String id(QueueEvent event) {
    return event.id();
  }

  @Override
  public Instant createdAt(QueueEvent event) {
    return event.createdAt();
  }

  @Override
  public @Nullable String type(QueueEvent event) {
    return event.type() == null ? null : event.type().value();
  }

  @Override
  public String toJson(QueueEvent event) {
    return Adapters.EVENT.toJson(event);
  }

  @Override
  public QueueEvent fromJson(String json) {
    return io.eventsync.internal.Json.decode(Adapters.EVENT, json, "dead-lettered queue event");
  }
}
