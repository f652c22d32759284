/**
 * Verify, parse and receive signed webhooks, working on the raw body bytes: {@link
 * io.eventsync.webhooks.WebhookVerifier}, {@link io.eventsync.webhooks.WebhookSigner}, {@link
 * io.eventsync.webhooks.WebhookParser} and {@link io.eventsync.webhooks.WebhookReceiver}.
 *
 * <p>Every parameter and return value is non-null unless its documentation says otherwise.
 */
package io.eventsync.webhooks;
