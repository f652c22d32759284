package io.eventsync.internal;

import com.squareup.moshi.Json;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 token response (RFC 6749 section 5.1); other fields are ignored.
 *
 * @param accessToken the token
 * @param expiresIn its lifetime in seconds, or null
 * @param tokenType its type, normally {@code Bearer}
 */
public record TokenResponse(
    @Json(name = "access_token") String accessToken,
    @Json(name = "expires_in") @Nullable Long expiresIn,
    @Json(name = "token_type") String tokenType) {}
