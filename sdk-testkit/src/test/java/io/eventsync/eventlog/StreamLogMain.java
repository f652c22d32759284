package io.eventsync.eventlog;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.Iterator;

/**
 * Streams the whole events log at {@code args[0]} (a sandbox) and prints {@code rows=N ordered=B
 * peakHeapMiB=M}; run in a JVM with a small heap by {@link EventLogMemoryIT}.
 */
public final class StreamLogMain {
  private StreamLogMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    try (EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(args[0])
            .credentials(Credentials.bearer("sandbox-token"))
            .build()) {
      long rows = 0;
      boolean ordered = true;
      Instant last = Instant.MIN;
      Iterator<LogEvent> it = client.eventLog().iterator(EventLogQuery.all().limit(1000));
      while (it.hasNext()) {
        LogEvent row = it.next();
        ordered &= !row.createdAt().isBefore(last);
        last = row.createdAt();
        rows++;
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println(
          "rows=" + rows + " ordered=" + ordered + " peakHeapMiB=" + peak / (1024 * 1024));
    }
  }
}
