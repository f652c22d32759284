package io.eventsync.collector;

import com.squareup.moshi.Json;
import org.jspecify.annotations.Nullable;

/**
 * A notification job's email parameters.
 *
 * @param campaignId the campaign id, or null
 * @param utmMedium the {@code utm_medium} of the email's links, or null
 */
public record JobParameters(
    @Json(name = "campaign_id") @Nullable String campaignId,
    @Json(name = "utm_medium") @Nullable String utmMedium) {}
