package io.eventsync.collector;

import com.squareup.moshi.Json;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event of the collector (snake_case on the wire). Create one with {@link #builder} and send it
 * with {@link EventsApi#create}.
 *
 * @param id the event's id, assigned by the collector; null before creation
 * @param entityId the id of the entity the event is about
 * @param entityName the entity's name, or null
 * @param eventSource where the event comes from
 * @param eventType the event's type (open: unknown types are kept)
 * @param eventPayload the payload, or null
 */
public record CollectorEvent(
    @Nullable String id,
    @Json(name = "entity_id") String entityId,
    @Json(name = "entity_name") @Nullable String entityName,
    @Json(name = "event_source") EventOrigin eventSource,
    @Json(name = "event_type") CollectorEventType eventType,
    @Json(name = "event_payload") @Nullable EventPayload eventPayload) {

  /** Returns a builder of an event of {@code eventType} about entity {@code entityId}. */
  public static Builder builder(CollectorEventType eventType, String entityId) {
    return new Builder(eventType, entityId);
  }

  /**
   * Checks the fields the collector requires.
   *
   * @throws IllegalArgumentException naming the first missing or invalid field
   */
  void validate() {
    Checks.requiredText(entityId, "entity_id");
    Checks.required(eventType, "event_type");
    Checks.required(eventSource, "event_source");
  }

  /** Builds a {@link CollectorEvent}. Not thread-safe. */
  public static final class Builder {
    private final CollectorEventType eventType;
    private final String entityId;
    private @Nullable String entityName;
    private EventOrigin eventSource = EventOrigin.APPLICATION;
    private @Nullable EventPayload eventPayload;

    Builder(CollectorEventType eventType, String entityId) {
      this.eventType = Objects.requireNonNull(eventType, "eventType == null");
      this.entityId = Objects.requireNonNull(entityId, "entityId == null");
    }

    /** Sets the entity's name. Default none. */
    public Builder entityName(@Nullable String entityName) {
      this.entityName = entityName;
      return this;
    }

    /** Sets where the event comes from. Default {@link EventOrigin#APPLICATION}. */
    public Builder eventSource(EventOrigin eventSource) {
      this.eventSource = Objects.requireNonNull(eventSource, "eventSource == null");
      return this;
    }

    /** Sets the payload. Default none. */
    public Builder payload(@Nullable EventPayload eventPayload) {
      this.eventPayload = eventPayload;
      return this;
    }

    /**
     * Returns the event.
     *
     * @throws IllegalArgumentException if a field the collector requires is missing or invalid
     */
    public CollectorEvent build() {
      CollectorEvent event =
          new CollectorEvent(null, entityId, entityName, eventSource, eventType, eventPayload);
      event.validate();
      return event;
    }
  }
}
