package io.eventsync.poll;

import com.squareup.moshi.Json;
import java.time.Instant;

/**
 * An event that still failed after its retries, kept with its error so it can be inspected and
 * replayed; never dropped.
 *
 * @param stream the stream (queue code, events log stream, publisher) it came from
 * @param eventId the event's id
 * @param eventType the event's type, or null
 * @param eventJson the event as JSON, enough to replay it (a JSON value, not a string, on the wire)
 * @param error the last error's class and message
 * @param attempts how many times it was tried
 * @param failedAt when it was given up
 */
public record DeadLetter(
    String stream,
    @Json(name = "event_id") String eventId,
    @Json(name = "event_type") String eventType,
    @Json(name = "event") String eventJson,
    String error,
    int attempts,
    @Json(name = "failed_at") Instant failedAt) {}
