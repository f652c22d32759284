package io.eventsync.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A customer-order endpoint for publisher tests: records the accepted versions per order path,
 * notices two requests for one order in flight at once, and answers with a scripted fault when
 * {@link #fault} returns one.
 */
final class RecordingOrderServer extends Dispatcher {
  /** Returns a fault for (order path, version), or null to accept. */
  volatile BiFunction<String, Long, MockResponse> fault = (path, version) -> null;

  private final Map<String, List<Long>> accepted = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean overlap = new AtomicBoolean();
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private final AtomicInteger acceptedCount = new AtomicInteger();
  private final Random random = new Random(7);

  /** Called with the number of accepted requests so far, this one included. */
  volatile IntConsumer onAccepted = count -> {};

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    String header = request.getHeaders().get("X-Event-Version");
    Long version = header == null ? null : Long.parseLong(header);
    if (!inFlight.add(path)) {
      overlap.set(true);
    }
    maxConcurrent.accumulateAndGet(current.incrementAndGet(), Math::max);
    try {
      Thread.sleep(delay());
      MockResponse fault = this.fault.apply(path, version);
      if (fault != null) {
        return fault;
      }
      accepted.computeIfAbsent(path, p -> new ArrayList<>()).add(version);
      onAccepted.accept(acceptedCount.incrementAndGet());
      return new MockResponse.Builder().code(202).build();
    } finally {
      current.decrementAndGet();
      inFlight.remove(path);
    }
  }

  private synchronized int delay() {
    return random.nextInt(3);
  }

  /** The accepted versions of one order, in acceptance order. */
  List<Long> accepted(String businessUnitId, String orderId) {
    return accepted.getOrDefault(
        "/business-units/" + businessUnitId + "/customer-orders/" + orderId, List.of());
  }

  int acceptedCount() {
    return acceptedCount.get();
  }

  boolean sawOverlap() {
    return overlap.get();
  }

  int maxConcurrent() {
    return maxConcurrent.get();
  }
}
