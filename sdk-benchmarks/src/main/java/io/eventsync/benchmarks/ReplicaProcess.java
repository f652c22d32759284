package io.eventsync.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link FleetReplica} child JVM of {@link FleetRun}: its output goes to {@code <id>.log}; its
 * {@code REPLICA} status lines are parsed (the last one is kept), its other lines are echoed to the
 * run's output (the first 40).
 */
final class ReplicaProcess {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  final String id;
  private final Process process;
  private final Writer stdin;
  private final AtomicInteger echoed = new AtomicInteger();
  private final AtomicInteger lapsedFences = new AtomicInteger();
  private volatile Map<String, String> status = Map.of();
  private volatile Map<String, String> last = Map.of();
  private volatile boolean started;
  private volatile long startedNanos;
  private volatile long joiningNanos;

  private ReplicaProcess(String id, Process process) {
    this.id = id;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  static ReplicaProcess start(
      String id, List<String> replicaArgs, String heap, Path logDir, PrintStream out)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.io.eventsync=info");
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetReplica.class.getName());
    command.add("--id");
    command.add(id);
    command.addAll(replicaArgs);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    ReplicaProcess replica = new ReplicaProcess(id, process);
    Path log = logDir.resolve(id + ".log");
    Thread reader = new Thread(() -> replica.read(log, out), "replica-" + id + "-output");
    reader.setDaemon(true);
    reader.start();
    return replica;
  }

  private void read(Path log, PrintStream out) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = in.readLine()) != null) {
        file.println(line);
        if (line.startsWith("REPLICA ")) {
          status = fields(line);
          if (!started) {
            startedNanos = System.nanoTime();
            started = true;
          }
          continue;
        }
        if (line.contains("was fenced after its lease lapsed")) {
          lapsedFences.incrementAndGet(); // logged by the poller; no listener hears it
        }
        if (line.startsWith("REPLICA-JOINING")) {
          joiningNanos = System.nanoTime();
        }
        if (line.startsWith("REPLICA-FINAL")) {
          last = fields(line);
        }
        if (line.startsWith("REPLICA-FINAL") || echoed.incrementAndGet() <= 40) {
          out.println("  [" + id + "] " + line);
        }
      }
    } catch (IOException e) {
      out.println("  [" + id + "] output ended: " + e.getMessage());
    }
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }

  /** True once the replica printed its first status line. */
  boolean started() {
    return started;
  }

  /** When it printed its first status line (its fleet and group were running); 0 before. */
  long startedNanos() {
    return startedNanos;
  }

  /**
   * How many of its commits were fenced after their lease lapsed, by its log: such a poller drops
   * its progress and goes on (no halt, no listener call).
   */
  int lapsedFences() {
    return lapsedFences.get();
  }

  /** When it said it was about to join the fleet (its JVM had started); 0 before. */
  long joiningNanos() {
    return joiningNanos;
  }

  /** A number of its last status line (0 if none yet). */
  long status(String field) {
    return Long.parseLong(status.getOrDefault(field, "0"));
  }

  /** A number of its {@code REPLICA-FINAL} line (-1 if it printed none). */
  long fin(String field) {
    return Long.parseLong(last.getOrDefault(field, "-1"));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no release; its leases expire after the TTL. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Sends it a signal ({@code STOP}, {@code CONT}) with {@code kill}. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, "" + process.pid()).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Asks it to close its group and fleet and exit. */
  void stop() {
    try {
      stdin.write("stop\n");
      stdin.flush();
    } catch (IOException e) {
      // it exited already
    }
  }

  /** Waits for it to exit; SIGKILLs it after the timeout. Returns its exit code. */
  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    Thread.sleep(200); // the reader's last lines
    return process.exitValue();
  }
}
