import io.eventsync.*; import io.eventsync.poll.*; import io.eventsync.queue.*; import io.eventsync.testkit.*;
import java.nio.file.*; import java.util.*;
public class DrainTiming {
  public static void main(String[] a) throws Exception {
    int batch = Integer.parseInt(a[0]);
    EventSyncSandbox sandbox = EventSyncSandbox.start(SandboxOptions.builder().batchSize(batch).build());
    EventSyncClient client = sandbox.clientBuilder().build();
    String q = client.eventQueue().createQueue("t").code();
    client.eventQueue().subscribe(q, EventType.ORDER_CREATED_SUCCESSFULLY);
    for (int r = 0; r < 5; r++) {
      for (int i = 0; i < 10; i++) sandbox.emitTikiEvents(EventType.ORDER_CREATED_SUCCESSFULLY.value(), 10_000);
      Path dir = Files.createTempDirectory("dt");
      CursorStore file = CursorStore.file(dir);
      long[] t = new long[100_000]; int[] n = {0};
      CursorStore timed = new CursorStore() {
        public Checkpoint load(String s) { return file.load(s); }
        public Checkpoint commit(String s, Checkpoint c) { long st = System.nanoTime(); Checkpoint x = file.commit(s, c); t[n[0]++] = System.nanoTime() - st; return x; }
      };
      long start = System.nanoTime();
      try (Poller p = client.eventQueue().poller(q).cursorStore(a.length > 1 ? CursorStore.inMemory() : timed).handler(e -> {}).build()) { p.drain(); }
      long total = System.nanoTime() - start;
      long[] c = Arrays.copyOf(t, n[0]); Arrays.sort(c);
      if (c.length > 0) System.out.printf("drain %d ms commits=%d p10=%d p50=%d p90=%d p99=%d us sum=%d ms%n", total/1_000_000, c.length, c[c.length/10]/1000, c[c.length/2]/1000, c[c.length*9/10]/1000, c[c.length*99/100]/1000, Arrays.stream(c).sum()/1_000_000);
      else System.out.printf("drain %d ms (mem)%n", total/1_000_000);
    }
    client.close(); sandbox.close();
  }
}
