package io.eventsync.testkit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's copy of one Hii Retail customer order, as the last processed PUT left it.
 *
 * @param businessUnitId the business unit of the path
 * @param customerOrderId the order id of the path
 * @param customerOrder the {@code customerOrder} object of the last processed PUT
 * @param version the {@code X-Event-Version} of the last processed PUT that carried one, or null
 * @param updates how many PUTs were processed for this order (stale ones not counted)
 * @param staleIgnored how many PUTs for this order were ignored as stale
 */
public record CustomerOrderRecord(
    String businessUnitId,
    String customerOrderId,
    Map<String, Object> customerOrder,
    @Nullable Long version,
    int updates,
    int staleIgnored) {}
