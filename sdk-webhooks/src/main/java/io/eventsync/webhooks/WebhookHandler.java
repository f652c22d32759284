package io.eventsync.webhooks;

/**
 * Handles verified webhooks for a {@link WebhookReceiver} or {@link WebhookServlet}.
 *
 * <p>Contract: return normally once the delivery is safely processed (stored, queued, applied); the
 * sender is then answered {@code 200 {"success": true}} and will not send it again. Throw to refuse
 * it: the sender is answered {@code 500} and retries later. Senders deliver at least once, so the
 * same delivery may arrive again even after success: make the handler idempotent on {@link
 * WebhookDelivery#deliveryId()}, or let the receiver drop duplicates with a {@link SeenStore}. The
 * handler is called from several threads at once.
 */
@FunctionalInterface
public interface WebhookHandler {
  /**
   * Processes one verified, parsed delivery.
   *
   * @param delivery the delivery
   * @throws Exception to have the sender retry the delivery later
   */
  void handle(WebhookDelivery delivery) throws Exception;
}
