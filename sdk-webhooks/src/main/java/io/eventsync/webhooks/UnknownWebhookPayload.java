package io.eventsync.webhooks;

import java.util.Objects;

/**
 * A verified webhook whose JSON has a shape the SDK does not know; nothing is lost.
 *
 * @param rawJson the body as UTF-8 text, exactly as received
 */
public record UnknownWebhookPayload(String rawJson) implements WebhookPayload {
  /** Checks that {@code rawJson} is present. */
  public UnknownWebhookPayload {
    Objects.requireNonNull(rawJson, "rawJson == null");
  }
}
