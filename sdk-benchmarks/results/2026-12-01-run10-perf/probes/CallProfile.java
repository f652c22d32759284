import io.eventsync.benchmarks.*;
import java.nio.file.*;
import java.util.*;
public class CallProfile {
  static volatile Object sink;
  static Map<String,long[]> ctx() throws Exception {
    Map<String,long[]> m = new TreeMap<>();
    try (var ds = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path t : ds) {
        String comm = Files.readString(t.resolve("comm")).trim() + "#" + t.getFileName();
        long v=0,nv=0;
        for (String l : Files.readAllLines(t.resolve("status"))) {
          if (l.startsWith("voluntary_ctxt_switches")) v = Long.parseLong(l.split("\\s+")[1]);
          if (l.startsWith("nonvoluntary_ctxt_switches")) nv = Long.parseLong(l.split("\\s+")[1]);
        }
        String[] st = Files.readString(t.resolve("stat")).split("\\) ")[1].split(" ");
        m.put(comm, new long[]{v, nv, Long.parseLong(st[11]), Long.parseLong(st[12])});
      }
    }
    return m;
  }
  public static void main(String[] a) throws Exception {
    CallOverheadBenchmark b = new CallOverheadBenchmark();
    CallOverheadBenchmark.Server s = new CallOverheadBenchmark.Server();
    s.server = a[0]; s.start();
    int n = Integer.parseInt(a[2]);
    try {
      for (int i = 0; i < 5000; i++) sink = a[1].equals("typed") ? b.eventsyncListQueues(s) : b.rawOkHttpMoshi(s);
      Map<String,long[]> before = ctx();
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) sink = a[1].equals("typed") ? b.eventsyncListQueues(s) : b.rawOkHttpMoshi(s);
      System.out.printf("%s %s %.1f us/call%n", a[0], a[1], (System.nanoTime() - t) / 1e3 / n);
      Map<String,long[]> after = ctx();
      for (var e : after.entrySet()) { long[] x = e.getValue(); long[] y = before.getOrDefault(e.getKey(), new long[4]);
        long dv = x[0]-y[0], dn = x[1]-y[1], du = x[2]-y[2], ds = x[3]-y[3];
        if (dv+dn > 50 || du+ds > 5) System.out.printf("  %-40s vol=%d invol=%d utime=%d stime=%d (ticks)%n", e.getKey(), dv, dn, du, ds); }
    } finally { s.stop(); }
  }
}
