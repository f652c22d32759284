package io.eventsync.collector;

import io.eventsync.internal.ApiContext;
import java.util.Objects;

/**
 * The collector's events of one tenant: {@code POST /api/v1/events} and {@code GET
 * /api/v1/events/{id}}. Obtain it from {@link CollectorApi#events()}; immutable and thread-safe.
 */
public final class EventsApi {
  private final TenantCalls calls;

  EventsApi(TenantCalls calls) {
    this.calls = calls;
  }

  /**
   * Creates an event and returns it as stored, with its id. Not retried once the request may have
   * reached the collector (a retry could create the event twice).
   *
   * @throws IllegalArgumentException if a required field is missing or invalid (before sending)
   */
  public CollectorEvent create(CollectorEvent event) {
    Objects.requireNonNull(event, "event == null");
    event.validate();
    return calls.exchange("POST", Adapters.EVENT, event, false, "created event", "events");
  }

  /**
   * Returns the event with {@code id}.
   *
   * @throws io.eventsync.NotFoundException if the tenant has no such event
   */
  public CollectorEvent get(String id) {
    ApiContext.requireId(id, "id");
    return calls.get(Adapters.EVENT, "event", "events", id);
  }
}
