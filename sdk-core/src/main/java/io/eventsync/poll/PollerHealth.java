package io.eventsync.poll;

import java.time.Instant;

/**
 * Whether a {@link Poller} is doing its job, for health checks: see {@link Poller#health()}.
 *
 * @param healthy false if the poller halted, or if its fetches have failed without a break for
 *     longer than {@link PollerBuilder#unhealthyAfter(java.time.Duration)}; true otherwise
 * @param failedFetches fetches failed in a row since the last one that worked (0 if the last
 *     worked)
 * @param failingSince when the first of those failures happened, or null if there are none
 * @param lastError the last of those failures, or the cause of a halt, or null
 */
public record PollerHealth(
    boolean healthy, int failedFetches, Instant failingSince, Throwable lastError) {}
