package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link SeenStore#inMemory(Duration, Clock, int)}: ids in insertion order with their expiry. */
final class InMemorySeenStore implements SeenStore {
  private final Duration ttl;
  private final Clock clock;
  private final int maxEntries;
  private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

  InMemorySeenStore(Duration ttl, Clock clock, int maxEntries) {
    Objects.requireNonNull(ttl, "ttl == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl <= 0: " + ttl);
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries <= 0: " + maxEntries);
    }
    this.ttl = ttl;
    this.maxEntries = maxEntries;
  }

  @Override
  public synchronized boolean markSeen(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    Instant now = clock.instant();
    evictExpired(now);
    Instant expiry = expiries.get(deliveryId);
    if (expiry != null && expiry.isAfter(now)) {
      return false;
    }
    expiries.remove(deliveryId);
    expiries.put(deliveryId, now.plus(ttl));
    if (expiries.size() > maxEntries) {
      Iterator<String> oldest = expiries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  @Override
  public synchronized void forget(String deliveryId) {
    expiries.remove(Objects.requireNonNull(deliveryId, "deliveryId == null"));
  }

  /** Returns the number of ids remembered (expired ones included until the next call). */
  synchronized int size() {
    return expiries.size();
  }

  private void evictExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isAfter(now)) {
        return;
      }
      it.remove();
    }
  }

  @Override
  public String toString() {
    return "SeenStore.inMemory[ttl=" + ttl + ", maxEntries=" + maxEntries + "]";
  }
}
