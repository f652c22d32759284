package io.eventsync.queue;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * The answer to a pull: events in queue order and the id that acknowledges them.
 *
 * @param events the events, oldest first; empty when the queue has nothing new
 * @param ackId send this with the next pull (or {@link EventQueueApi#ack}) once every event is
 *     handled
 */
public record EventBatch(List<QueueEvent> events, @Json(name = "ack_id") String ackId) {
  /** Never-null events. */
  public EventBatch {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
