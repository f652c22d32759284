package io.eventsync.queue;

import com.squareup.moshi.Json;

/**
 * A subscription of one event type to a queue, for one seller.
 *
 * @param code the subscription's code
 * @param active whether events of the type are routed to the queue
 * @param eventType the subscribed event type
 * @param sid the subscriber (seller) id that also appears on every routed event
 */
public record Subscription(
    String code, boolean active, @Json(name = "event_type") EventType eventType, String sid) {}
