package io.eventsync.fulfillment;

import org.jspecify.annotations.Nullable;

/**
 * TikiNOW's answer to a successful registration.
 *
 * @param requestId TikiNOW's request id ({@code meta_data.request_id}), or null if it sent none;
 *     quote it to TikiNOW's support
 */
public record RegistrationResult(@Nullable String requestId) {}
