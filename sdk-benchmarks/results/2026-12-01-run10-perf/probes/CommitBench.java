import io.eventsync.poll.*; import java.nio.file.*; import java.util.*;
public class CommitBench { public static void main(String[] a) throws Exception {
  int ids = Integer.parseInt(a[0]); int n = Integer.parseInt(a[1]);
  for (int rep=0; rep<3; rep++) {
  Path dir = Files.createTempDirectory("cb"); CursorStore store = CursorStore.file(dir);
  Checkpoint cp = store.load("tiki-queue-x"); long[] t = new long[n];
  for (int i=0;i<n;i++) { List<String> l = new ArrayList<>(); for (int j=0;j<ids;j++) l.add(UUID.randomUUID().toString());
    Checkpoint next = cp.advance("ack-" + UUID.randomUUID(), l);
    long s=System.nanoTime(); cp = store.commit("tiki-queue-x", next); t[i]=System.nanoTime()-s; }
  Arrays.sort(t); System.out.printf("ids=%d commit p10=%d p50=%d p90=%d p99=%d us%n", ids, t[n/10]/1000, t[n/2]/1000, t[n*9/10]/1000, t[n*99/100]/1000);
  }
}}
