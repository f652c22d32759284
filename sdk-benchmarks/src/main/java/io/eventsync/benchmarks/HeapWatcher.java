package io.eventsync.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap while a benchmark runs, from the collector's own notifications: the peak
 * heap in use (the largest total seen just before a collection, or at the end) and the largest heap
 * still in use just after a collection (the live set plus whatever that collection left, an upper
 * bound of what the code really retains).
 */
final class HeapWatcher implements AutoCloseable {
  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicInteger collections = new AtomicInteger();
  private final NotificationListener listener = this::onNotification;

  private HeapWatcher() {}

  static HeapWatcher start() {
    HeapWatcher watcher = new HeapWatcher();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        watcher.heapPools.add(pool.getName());
      }
    }
    watcher.peakUsed.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        NotificationEmitter emitter = (NotificationEmitter) gc;
        emitter.addNotificationListener(watcher.listener, null, null);
        watcher.emitters.add(emitter);
      }
    }
    return watcher;
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
    long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
    peakUsed.accumulateAndGet(before, Math::max);
    peakAfterGc.accumulateAndGet(after, Math::max);
    collections.incrementAndGet();
  }

  private long heapUsed(Map<String, MemoryUsage> usage) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    return used;
  }

  /** Stops watching. */
  @Override
  public void close() {
    peakUsed.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }

  double peakUsedMiB() {
    return peakUsed.get() / (1024.0 * 1024.0);
  }

  double peakAfterGcMiB() {
    return peakAfterGc.get() / (1024.0 * 1024.0);
  }

  int collections() {
    return collections.get();
  }

  static double maxHeapMiB() {
    return Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0);
  }
}
