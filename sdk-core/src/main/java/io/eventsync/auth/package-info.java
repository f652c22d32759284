/**
 * Credentials: bearer tokens, HTTP basic, OAuth 2.0 client credentials with token caching, and the
 * {@link io.eventsync.auth.WebhookSecret} that signs webhooks.
 */
package io.eventsync.auth;
