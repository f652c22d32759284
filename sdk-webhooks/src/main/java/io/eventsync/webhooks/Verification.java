package io.eventsync.webhooks;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a successful {@link WebhookVerifier#verify(WebhookHeaders, byte[])}.
 *
 * @param keyId the id of the configured secret whose signature matched (during a rotation, tells
 *     whether the sender still uses the old secret)
 * @param webhookId the signed {@code webhook-id} (Standard Webhooks), or null if the scheme has
 *     none
 * @param timestamp the signed {@code webhook-timestamp} (Standard Webhooks), or null if the scheme
 *     has none
 */
public record Verification(String keyId, @Nullable String webhookId, @Nullable Instant timestamp) {
  /** Checks that {@code keyId} is present. */
  public Verification {
    Objects.requireNonNull(keyId, "keyId == null");
  }
}
