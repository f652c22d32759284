package io.eventsync.benchmarks;

import java.nio.file.Path;

/** The command line of {@link FleetRun}. */
record FleetRunOptions(
    int streams,
    int replicas,
    long ttlMillis,
    long renewalMillis,
    int rate,
    int threads,
    long idleBackoffMillis,
    long settleMillis,
    long pauseMillis,
    long handlerMillis,
    String replicaHeap,
    Path logDir) {
  static final String USAGE =
      "usage: FleetRun [--streams 300] [--replicas 3] [--ttl-ms 3000] [--renewal-ms 1000]"
          + " [--rate 300 (events/s in all)] [--threads 8 (per replica)] [--idle-backoff-ms 500]"
          + " [--settle-ms 3000] [--handler-ms 0 (in the transaction)] [--pause-ms TTL+2000 (0: no pause)] [--replica-heap 160m] [--log-dir target/fleetrun]";

  static FleetRunOptions parse(String[] args) {
    int streams = 300;
    int replicas = 3;
    long ttl = 3000;
    long renewal = 1000;
    int rate = 300;
    int threads = 8;
    long idle = 500;
    long settle = 3000;
    long pause = -1;
    long handler = 0;
    String heap = "160m";
    Path logDir = Path.of("target", "fleetrun");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--streams" -> streams = positive(args[i], v);
        case "--replicas" -> replicas = positive(args[i], v);
        case "--ttl-ms" -> ttl = positive(args[i], v);
        case "--renewal-ms" -> renewal = positive(args[i], v);
        case "--rate" -> rate = positive(args[i], v);
        case "--threads" -> threads = positive(args[i], v);
        case "--idle-backoff-ms" -> idle = positive(args[i], v);
        case "--settle-ms" -> settle = positive(args[i], v);
        case "--pause-ms" -> pause = Long.parseLong(v);
        case "--handler-ms" -> handler = Long.parseLong(v);
        case "--replica-heap" -> heap = v;
        case "--log-dir" -> logDir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (replicas < 2) {
      throw new IllegalArgumentException("--replicas must be at least 2 (one is killed)");
    }
    if (renewal >= ttl) {
      throw new IllegalArgumentException("--renewal-ms must be shorter than --ttl-ms");
    }
    return new FleetRunOptions(
        streams,
        replicas,
        ttl,
        renewal,
        rate,
        threads,
        idle,
        settle,
        pause < 0 ? ttl + 2000 : pause,
        handler,
        heap,
        logDir);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(option + " must be a positive integer but was " + value);
  }
}
