package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link SandboxStats} and {@code GET /_sandbox/stats}. */
final class StatsRecorder {
  final LongAdder requests = new LongAdder();
  final LongAdder deliveryAttempts = new LongAdder();
  final LongAdder deliveriesSucceeded = new LongAdder();
  final LongAdder deliveriesFailed = new LongAdder();
  final LongAdder customerOrdersProcessed = new LongAdder();
  final LongAdder staleCustomerOrdersIgnored = new LongAdder();
  final LongAdder tikiEventsEmitted = new LongAdder();
  private final Map<String, LongAdder> requestsByPath = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faultsByKind = new ConcurrentHashMap<>();

  void request(String key) {
    requests.increment();
    requestsByPath.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  void fault(String kind) {
    faultsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void reset() {
    requests.reset();
    deliveryAttempts.reset();
    deliveriesSucceeded.reset();
    deliveriesFailed.reset();
    customerOrdersProcessed.reset();
    staleCustomerOrdersIgnored.reset();
    tikiEventsEmitted.reset();
    requestsByPath.clear();
    faultsByKind.clear();
  }

  SandboxStats snapshot(long eventLogRows) {
    Map<String, Long> faults = sums(faultsByKind);
    return new SandboxStats(
        requests.sum(),
        sums(requestsByPath),
        faults.values().stream().mapToLong(Long::longValue).sum(),
        faults,
        deliveryAttempts.sum(),
        deliveriesSucceeded.sum(),
        deliveriesFailed.sum(),
        customerOrdersProcessed.sum(),
        staleCustomerOrdersIgnored.sum(),
        tikiEventsEmitted.sum(),
        eventLogRows);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> adders) {
    Map<String, Long> out = new TreeMap<>();
    adders.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The JSON shape of {@code GET /_sandbox/stats}. */
  static Map<String, Object> toJson(SandboxStats stats) {
    Map<String, Object> requests = new LinkedHashMap<>();
    requests.put("total", stats.requests());
    requests.put("by_path", new TreeMap<>(stats.requestsByPath()));
    Map<String, Object> deliveries = new LinkedHashMap<>();
    deliveries.put("attempts", stats.deliveryAttempts());
    deliveries.put("succeeded", stats.deliveriesSucceeded());
    deliveries.put("failed", stats.deliveriesFailed());
    Map<String, Object> faults = new LinkedHashMap<>();
    faults.put("total", stats.faultsInjected());
    faults.put("by_kind", new TreeMap<>(stats.faultsByKind()));
    Map<String, Object> orders = new LinkedHashMap<>();
    orders.put("processed", stats.customerOrdersProcessed());
    orders.put("stale_ignored", stats.staleCustomerOrdersIgnored());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requests", requests);
    body.put("deliveries", deliveries);
    body.put("faults", faults);
    body.put("customer_orders", orders);
    body.put("tiki_events_emitted", stats.tikiEventsEmitted());
    body.put("event_log_rows", stats.eventLogRows());
    return body;
  }
}
