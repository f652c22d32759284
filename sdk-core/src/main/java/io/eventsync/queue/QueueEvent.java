package io.eventsync.queue;

import com.squareup.moshi.Json;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event pulled from a Tiki event queue. The payload is kept as the exact JSON received ({@link
 * #payloadJson()}); {@link #payload()} decodes it into the typed record for the event's type.
 *
 * @param id the event's unique id; the same event redelivered has the same id
 * @param sid the subscriber (seller) id
 * @param createdAt when the event was created (epoch milliseconds on the wire)
 * @param type the event type; unknown types are kept, never dropped
 * @param version the payload schema version ({@code v1}, {@code v2})
 * @param payloadJson the payload exactly as received (the JSON value of the wire field {@code
 *     payload}), or null if the event had none
 */
public record QueueEvent(
    String id,
    String sid,
    @Json(name = "created_at") Instant createdAt,
    EventType type,
    String version,
    @Json(name = "payload") @Nullable String payloadJson) {

  /**
   * Returns the payload decoded for this event's type: a {@link QueueEventPayload.Unknown} for an
   * unknown type or a payload that does not fit the documented shape.
   */
  public QueueEventPayload payload() {
    return QueueEventPayload.decode(type, payloadJson);
  }
}
