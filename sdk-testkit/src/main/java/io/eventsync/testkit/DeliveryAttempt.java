package io.eventsync.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of the sandbox to deliver a TikiNOW webhook.
 *
 * @param deliveryId the delivery this attempt belongs to; retries share it
 * @param hook the registered hook: {@code order}, {@code stock} or {@code aftersale}
 * @param url the registered URL posted to
 * @param attempt the attempt number, 1 for the first
 * @param status the HTTP status answered, or null if there was no answer
 * @param error the I/O error when there was no answer, else null
 * @param body the exact body sent (UTF-8 JSON)
 * @param signature the {@code x-signature} header sent
 * @param at when the attempt was made
 */
public record DeliveryAttempt(
    long deliveryId,
    String hook,
    String url,
    int attempt,
    @Nullable Integer status,
    @Nullable String error,
    String body,
    String signature,
    Instant at) {

  /** Whether the receiver answered 2xx. */
  public boolean succeeded() {
    return status != null && status >= 200 && status < 300;
  }
}
