package io.eventsync.webhooks;

/**
 * The typed content of a verified webhook; switch on the variant.
 *
 * <pre>{@code
 * WebhookPayload payload = parser.verifyAndParse(headers, body);
 * if (payload instanceof TikiNowOrderStatus order) {
 *   updateOrder(order.orderCode(), order.mainState());
 * } else if (payload instanceof UnknownWebhookPayload unknown) {
 *   log.info("unhandled webhook {}", unknown.rawJson());
 * }
 * }</pre>
 *
 * Shapes the SDK does not know decode to {@link UnknownWebhookPayload} with the raw JSON, never to
 * an error; unknown fields and values of known shapes are ignored or kept as strings.
 */
public sealed interface WebhookPayload
    permits TikiNowOrderStatus,
        TikiNowStock,
        TikiNowAftersale,
        HiiRetailEvent,
        UnknownWebhookPayload {}
