import io.eventsync.benchmarks.*;
import org.openjdk.jmh.infra.Blackhole;
public class QueueDrainProfile {
  public static void main(String[] a) throws Exception {
    String variant = a[0]; int batch = Integer.parseInt(a[1]); int rounds = Integer.parseInt(a[2]);
    Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    QueueDrainBenchmark b = new QueueDrainBenchmark();
    QueueDrainBenchmark.DrainState s = new QueueDrainBenchmark.DrainState();
    s.batchSize = batch; s.events = 100_000; s.startSandbox();
    try {
      for (int r = 0; r < rounds; r++) {
        s.emitBacklog();
        switch (variant) {
          case "file" -> b.eventsyncPoller(s, bh);
          case "mem" -> b.eventsyncPollerInMemoryStore(s, bh);
          default -> b.handWrittenPullLoop(s, bh);
        }
        s.report();
      }
    } finally { s.stopSandbox(); }
  }
}
