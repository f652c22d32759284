/**
 * Credentials: bearer tokens, HTTP basic, OAuth 2.0 client credentials with token caching, and the
 * {@link io.eventsync.auth.WebhookSecret} that signs webhooks.
 */
@NullMarked
package io.eventsync.auth;

import org.jspecify.annotations.NullMarked;
