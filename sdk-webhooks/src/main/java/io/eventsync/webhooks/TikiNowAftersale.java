package io.eventsync.webhooks;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;

/**
 * A TikiNOW aftersale change, failed delivery ({@code fd}) or customer return ({@code cr}) ({@code
 * sync_webhook.aftersale}), the {@code data} of {@code {"data": {...}}}. Fields the sender omits
 * are null.
 *
 * @param date when the status changed, with the sender's offset kept
 * @param refCode the aftersale reference, for example {@code CR22509365559}
 * @param orderCode the TikiNOW order code
 * @param status the aftersale status, for example {@code canceled} (an open set)
 * @param type {@code fd} or {@code cr} (kept as sent)
 */
public record TikiNowAftersale(
    OffsetDateTime date,
    @Json(name = "ref_code") String refCode,
    @Json(name = "order_code") String orderCode,
    String status,
    String type)
    implements WebhookPayload {}
