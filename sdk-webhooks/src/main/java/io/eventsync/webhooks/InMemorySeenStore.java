package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SeenStore#inMemory(Duration, Clock, int)}: ids in insertion order with their state and
 * expiry. A claim and a handled id both expire {@code ttl} after they were written.
 */
final class InMemorySeenStore implements SeenStore {
  private static final class Entry {
    final boolean handled;
    final Instant expiry;

    Entry(boolean handled, Instant expiry) {
      this.handled = handled;
      this.expiry = expiry;
    }
  }

  private final Duration ttl;
  private final Clock clock;
  private final int maxEntries;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

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
  public synchronized Claim claim(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    Instant now = clock.instant();
    evictExpired(now);
    Entry entry = entries.get(deliveryId);
    if (entry != null && entry.expiry.isAfter(now)) {
      return entry.handled ? Claim.HANDLED : Claim.IN_PROGRESS;
    }
    put(deliveryId, new Entry(false, now.plus(ttl)));
    return Claim.ACQUIRED;
  }

  @Override
  public synchronized void complete(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    put(deliveryId, new Entry(true, clock.instant().plus(ttl)));
  }

  @Override
  public synchronized void release(String deliveryId) {
    Objects.requireNonNull(deliveryId, "deliveryId == null");
    Entry entry = entries.get(deliveryId);
    if (entry != null && !entry.handled) {
      entries.remove(deliveryId);
    }
  }

  /** Returns the number of ids remembered (expired ones included until the next claim). */
  synchronized int size() {
    return entries.size();
  }

  private void put(String deliveryId, Entry entry) {
    entries.remove(deliveryId); // re-inserted last: the map stays in expiry order
    entries.put(deliveryId, entry);
    if (entries.size() > maxEntries) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void evictExpired(Instant now) {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().expiry.isAfter(now)) {
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
