package io.eventsync.webhooks;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A TikiNOW stock change ({@code sync_webhook.stock}), the {@code data} of {@code {"data": {...}}}.
 * Fields the sender omits are null.
 *
 * @param date when the stock changed, with the sender's offset kept
 * @param sku the Tiki SKU
 * @param warehouse the Tiki warehouse code, for example {@code sgn3}
 * @param qtySalable the salable quantity now
 * @param sellerProductCode the seller's own product code
 * @param partnerId the seller id or code given at registration (newer senders only)
 */
public record TikiNowStock(
    OffsetDateTime date,
    String sku,
    String warehouse,
    @Json(name = "qty_salable") Long qtySalable,
    @Json(name = "seller_product_code") String sellerProductCode,
    @Json(name = "partner_id") @Nullable String partnerId)
    implements WebhookPayload {}
