/**
 * Verify, parse and receive signed webhooks, working on the raw body bytes: {@link
 * io.eventsync.webhooks.WebhookVerifier}, {@link io.eventsync.webhooks.WebhookSigner}, {@link
 * io.eventsync.webhooks.WebhookParser}, {@link io.eventsync.webhooks.WebhookReceiver} and {@link
 * io.eventsync.webhooks.WebhookServlet}, with duplicate suppression by a {@link
 * io.eventsync.webhooks.SeenStore} (in memory, or {@link io.eventsync.webhooks.JdbcSeenStore} in a
 * database).
 *
 * <p>Every parameter and return value is non-null unless marked {@code @Nullable}: the package is
 * {@code @NullMarked} (JSpecify).
 */
@NullMarked
package io.eventsync.webhooks;

import org.jspecify.annotations.NullMarked;
