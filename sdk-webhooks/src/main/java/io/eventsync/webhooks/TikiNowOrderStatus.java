package io.eventsync.webhooks;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A TikiNOW order status change ({@code sync_webhook.order}), the {@code data} of {@code {"data":
 * {...}}}. Fields the sender omits are null.
 *
 * @param date when the status changed, with the sender's offset kept (usually {@code +07:00})
 * @param refCode the partner's order code
 * @param orderCode the TikiNOW order code
 * @param mainState the main state, for example {@code processing}, {@code shipping}, {@code
 *     canceled} (an open set)
 * @param mainSubstate the substate, for example {@code delivery_failed_1}, or null
 * @param reason why delivery failed, present for {@code delivery_failed_*} substates
 * @param reasonCode the code of {@code reason}, for example {@code receiver_reschedule}
 * @param extraInfo the cancellation details, present when the order was canceled
 */
public record TikiNowOrderStatus(
    OffsetDateTime date,
    @Json(name = "ref_code") String refCode,
    @Json(name = "order_code") String orderCode,
    @Json(name = "main_state") String mainState,
    @Json(name = "main_substate") @Nullable String mainSubstate,
    @Nullable String reason,
    @Json(name = "reason_code") @Nullable String reasonCode,
    @Json(name = "extra_info") @Nullable ExtraInfo extraInfo)
    implements WebhookPayload {

  /**
   * The cancellation details of a canceled order.
   *
   * @param cancelReasonCode the cancellation code, for example {@code 202}
   * @param cancelReason the cancellation reason as text
   */
  public record ExtraInfo(
      @Json(name = "cancel_reason_code") String cancelReasonCode,
      @Json(name = "cancel_reason") String cancelReason) {}
}
