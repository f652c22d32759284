package io.eventsync.testkit;

import java.util.Map;

/**
 * A snapshot of what the sandbox has served and done since it started or was last reset.
 *
 * @param requests every request served, admin calls included
 * @param requestsByPath requests per route, keyed {@code "METHOD /path/{template}"}; paths that
 *     match no route count under {@code "METHOD (unmatched)"}
 * @param faultsInjected faults injected, scripted and random
 * @param faultsByKind faults per kind: {@code status}, {@code delay}, {@code drop}, {@code
 *     truncate}, {@code malformed}
 * @param deliveryAttempts TikiNOW webhook delivery attempts (first tries and retries)
 * @param deliveriesSucceeded deliveries answered 2xx
 * @param deliveriesFailed deliveries given up (4xx, or retries exhausted)
 * @param customerOrdersProcessed Hii Retail customer-order PUTs applied to the state
 * @param staleCustomerOrdersIgnored customer-order PUTs ignored as older than the last processed
 *     version of the same order
 * @param tikiEventsEmitted Tiki events emitted (before routing to queues)
 * @param eventLogRows rows in the events log
 */
public record SandboxStats(
    long requests,
    Map<String, Long> requestsByPath,
    long faultsInjected,
    Map<String, Long> faultsByKind,
    long deliveryAttempts,
    long deliveriesSucceeded,
    long deliveriesFailed,
    long customerOrdersProcessed,
    long staleCustomerOrdersIgnored,
    long tikiEventsEmitted,
    long eventLogRows) {

  /** Copies the maps; the snapshot is immutable. */
  public SandboxStats {
    requestsByPath = Map.copyOf(requestsByPath);
    faultsByKind = Map.copyOf(faultsByKind);
  }
}
