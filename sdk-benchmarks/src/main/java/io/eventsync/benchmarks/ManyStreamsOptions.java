package io.eventsync.benchmarks;

import java.time.Duration;

/**
 * The command line of {@link ManyStreamsRun}. In {@code paced} mode (the default, issue 16's run)
 * the events are emitted while the pollers run, in rounds spread over {@code emitTime}; in {@code
 * backlog} mode every event is emitted before the first poller starts, and the run's clock starts
 * with the pollers, so the run measures how fast the group drains (its delays then count the wait
 * in the backlog and have no target).
 */
record ManyStreamsOptions(
    int streams,
    int events,
    int threads,
    Duration idleBackoff,
    Duration emitTime,
    boolean fileStore,
    boolean backlog,
    String sandboxHeap,
    long drainTimeoutSeconds) {
  static final String USAGE =
      "usage: java -cp benchmarks.jar io.eventsync.benchmarks.ManyStreamsRun [--streams N]"
          + " [--events N] [--threads N] [--idle-backoff-ms N] [--emit-seconds N]"
          + " [--mode paced|backlog] [--store memory|file] [--sandbox-heap SIZE] [--drain-timeout-seconds N]";

  /** Issue 16's run: 1,000 streams of 100 events, 16 threads, idle backoff 1 s, in memory. */
  static ManyStreamsOptions defaults() {
    return new ManyStreamsOptions(
        1000, 100, 16, Duration.ofSeconds(1), Duration.ofSeconds(40), false, false, "1g", 120);
  }

  /**
   * Parses {@code args} over the {@link #defaults()}.
   *
   * @throws IllegalArgumentException for an unknown option, a missing or malformed value
   */
  static ManyStreamsOptions parse(String[] args) {
    ManyStreamsOptions d = defaults();
    int streams = d.streams;
    int events = d.events;
    int threads = d.threads;
    Duration idleBackoff = d.idleBackoff;
    Duration emitTime = d.emitTime;
    boolean fileStore = d.fileStore;
    boolean backlog = d.backlog;
    String sandboxHeap = d.sandboxHeap;
    long drainTimeoutSeconds = d.drainTimeoutSeconds;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown option: " + arg);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      String value = args[++i];
      switch (arg) {
        case "--streams" -> streams = positive(arg, value);
        case "--events" -> events = positive(arg, value);
        case "--threads" -> threads = positive(arg, value);
        case "--idle-backoff-ms" -> idleBackoff = Duration.ofMillis(positive(arg, value));
        case "--emit-seconds" ->
            emitTime = Duration.ofMillis(Math.round(number(arg, value) * 1000));
        case "--store" -> fileStore = store(value);
        case "--mode" -> backlog = backlog(value);
        case "--sandbox-heap" -> sandboxHeap = value;
        case "--drain-timeout-seconds" -> drainTimeoutSeconds = positive(arg, value);
        default -> throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    return new ManyStreamsOptions(
        streams,
        events,
        threads,
        idleBackoff,
        emitTime,
        fileStore,
        backlog,
        sandboxHeap,
        drainTimeoutSeconds);
  }

  private static int positive(String option, String value) {
    double n = number(option, value);
    if (n < 1 || n != Math.rint(n) || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          option + " must be a whole number of at least 1: " + value);
    }
    return (int) n;
  }

  private static double number(String option, String value) {
    try {
      double n = Double.parseDouble(value);
      if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number of at least 0: " + value);
    }
  }

  private static boolean backlog(String value) {
    return switch (value) {
      case "paced" -> false;
      case "backlog" -> true;
      default -> throw new IllegalArgumentException("--mode must be paced or backlog: " + value);
    };
  }

  private static boolean store(String value) {
    return switch (value) {
      case "memory" -> false;
      case "file" -> true;
      default -> throw new IllegalArgumentException("--store must be memory or file: " + value);
    };
  }
}
