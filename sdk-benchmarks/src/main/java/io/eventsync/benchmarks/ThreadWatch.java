package io.eventsync.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Samples this JVM every {@code periodMillis} on a thread of its own (counted like any other): the
 * live threads the JVM shows to Java ({@link ThreadMXBean#getThreadCount()}), the threads the
 * operating system counts for the process ({@code Threads:} of {@code /proc/self/status}, which
 * adds the collector's and the compilers' threads; -1 where there is no {@code /proc}), and the
 * heap in use. At each new peak of live threads it keeps their names, grouped, to show whose they
 * are.
 */
final class ThreadWatch implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService sampler;
  private volatile int peakLive;
  private volatile int peakOs = -1;
  private volatile long peakHeapUsed;
  private volatile int lastLive;
  private volatile Map<String, Integer> atPeak = Map.of();
  private volatile int samples;

  private ThreadWatch(long periodMillis) {
    threads.resetPeakThreadCount();
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-thread-watch");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  static ThreadWatch start(long periodMillis) {
    return new ThreadWatch(periodMillis);
  }

  private void sample() {
    int live = threads.getThreadCount();
    lastLive = live;
    if (live > peakLive) {
      peakLive = live;
      atPeak = byName();
    }
    int os = osThreads();
    if (os > peakOs) {
      peakOs = os;
    }
    long heap = memory.getHeapMemoryUsage().getUsed();
    if (heap > peakHeapUsed) {
      peakHeapUsed = heap;
    }
    samples++;
  }

  /** The live threads by name, digits dropped ({@code eventsync-group-pollers-#}), counted. */
  private Map<String, Integer> byName() {
    ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), 0);
    return Arrays.stream(infos)
        .filter(Objects::nonNull)
        .collect(
            Collectors.groupingBy(
                info -> info.getThreadName().replaceAll("\\d+", "#"),
                TreeMap::new,
                Collectors.summingInt(info -> 1)));
  }

  static int osThreads() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("Threads:")) {
          return Integer.parseInt(line.substring("Threads:".length()).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  int peakLive() {
    return peakLive;
  }

  int lastLive() {
    return lastLive;
  }

  /**
   * {@link ThreadMXBean#getPeakThreadCount()} since this watch started: catches short-lived ones.
   */
  int mxPeak() {
    return threads.getPeakThreadCount();
  }

  int peakOs() {
    return peakOs;
  }

  double peakHeapUsedMiB() {
    return peakHeapUsed / (1024.0 * 1024.0);
  }

  int samples() {
    return samples;
  }

  /** The live threads at the sampled peak, e.g. {@code eventsync-group-pollers-#=16, main=1}. */
  String atPeak() {
    return atPeak.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
