package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CommitEvery;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poller in a child JVM is killed with {@code destroyForcibly()} (SIGKILL: no shutdown hook, no
 * final commit) at 20 random moments while it drains 20,000 queue events with 20% of the sandbox's
 * answers faulted, then a last run drains the rest.
 *
 * <p>The child writes (and forces) each id before its handler returns, so the output file holds
 * every completed handler call. What is checked, per restart: the run hands over a contiguous slice
 * of the emitted events, starting at most "the events of the batch in flight" before where the
 * killed runs had got to, and never skips ahead.
 *
 * <ul>
 *   <li>{@link CommitEvery#BATCH}: a restart starts again at the first event of the batch in flight
 *       (batches are aligned on the sandbox's batch size of 50), so at most 50 repeated handler
 *       calls per kill.
 *   <li>{@link CommitEvery#EVENT}: at most one repeated handler call per kill, and it is the last
 *       event handed over before the kill. Zero cannot be promised for a side effect outside the
 *       cursor store: the handler's write and the checkpoint commit are two durable steps, and a
 *       kill between them (write done, commit not) hands the event over again. That the effect
 *       happens exactly once is the JDBC transactional mode's promise (handler writes and
 *       checkpoint in one transaction), tested in sdk-core's {@code
 *       io.eventsync.jdbc.ExactlyOnceIT}.
 * </ul>
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CrashIT {
  private static final int EVENTS = 20_000;
  private static final int KILLS = 20;
  private static final int BATCH = SandboxOptions.DEFAULT_BATCH_SIZE;
  private static final double CHAOS = 0.2;

  @TempDir Path tempDir;

  /**
   * Where the child's cursor and output live: tmpfs when there is one. A SIGKILL does not lose the
   * page cache, so the files' medium changes nothing in what is tested, while on a disk the 60,000
   * fsyncs of the EVENT scenario (the output line, the checkpoint and its directory per event)
   * would dominate the run time.
   */
  private Path dir;

  @BeforeEach
  void chooseDirectory() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "eventsync-crash-")
            : tempDir;
  }

  @AfterEach
  void deleteDirectory() throws IOException {
    if (!dir.equals(tempDir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @Test
  void killedTwentyTimesWithCommitEveryBatchLosesNothingAndRepeatsOnlyTheBatchInFlight()
      throws Exception {
    Outcome outcome = crashAndRecover(CommitEvery.BATCH, 1001);

    for (Restart restart : outcome.restarts) {
      assertThat(restart.repeated).as(restart.toString()).isBetween(0, BATCH);
      assertThat(restart.from % BATCH)
          .as("%s starts at the first event of a batch", restart)
          .isZero();
    }
    assertThat(outcome.repeatedTotal()).isLessThanOrEqualTo(KILLS * BATCH);
  }

  @Test
  void killedTwentyTimesWithCommitEveryEventRepeatsAtMostTheOneEventInFlightPerKill()
      throws Exception {
    Outcome outcome = crashAndRecover(CommitEvery.EVENT, 2002);

    for (Restart restart : outcome.restarts) {
      // 0, or 1: the event whose line was written but whose commit the kill prevented
      assertThat(restart.repeated).as(restart.toString()).isBetween(0, 1);
    }
    assertThat(outcome.repeatedTotal()).isLessThanOrEqualTo(KILLS);
  }

  /** One restart: the run's first event's index in the emitted order, and how many it repeated. */
  private record Restart(int run, int from, int reachedBefore, int repeated) {}

  private record Outcome(List<Restart> restarts) {
    int repeatedTotal() {
      return restarts.stream().mapToInt(Restart::repeated).sum();
    }
  }

  private Outcome crashAndRecover(CommitEvery commitEvery, long seed) throws Exception {
    long started = System.nanoTime();
    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client = sandbox.clientBuilder().sleeper(duration -> {}).build()) {
      // Queue and subscription are non-idempotent POSTs: set up before the faults begin.
      EventQueueApi queue = client.eventQueue();
      String code = queue.createQueue("crash-" + commitEvery).code();
      queue.subscribe(code, EventType.PRODUCT_INVENTORY_UPDATED);
      List<String> emitted =
          sandbox.emitTikiEvents(EventType.PRODUCT_INVENTORY_UPDATED.value(), EVENTS).stream()
              .map(event -> (String) event.get("id"))
              .collect(Collectors.toList());
      sandbox.chaos(CHAOS, seed);

      Path output = dir.resolve("handled-" + commitEvery + ".txt");
      Path cursor = dir.resolve("cursor-" + commitEvery + ".json");
      Path log = dir.resolve("child-" + commitEvery + ".log");
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1", // the child lives a second: start fast
              "-Xshare:auto",
              "-cp",
              System.getProperty("java.class.path"),
              QueueDrainChild.class.getName(),
              sandbox.url(),
              code,
              cursor.toString(),
              output.toString(),
              commitEvery.name());
      Random random = new Random(seed);
      LineCounter lines = new LineCounter(output);
      for (int kill = 0; kill < KILLS; kill++) {
        // a random progress point in this run's share of the stream, then a random extra moment
        int stride = EVENTS / (KILLS + 1);
        int target = (kill + 1) * stride - stride / 2 + random.nextInt(stride);
        Process child = start(command, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.handled() < target && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(2); // polling for the child's progress, not a backoff
        }
        if (random.nextBoolean()) {
          // a random moment later: mid-handler, mid-commit or mid-pull; else at once, mid-batch
          Thread.sleep(random.nextInt(15));
        }
        assertThat(child.isAlive())
            .as("run %d was still draining when killed; its log:%n%s", kill, Files.readString(log))
            .isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      }
      Process last = start(command, log);
      assertThat(last.waitFor(90, TimeUnit.SECONDS)).as("final run ended").isTrue();
      assertThat(last.exitValue()).as(Files.readString(log)).isZero();

      Outcome outcome = check(Files.readAllLines(output, StandardCharsets.UTF_8), emitted);
      long faults = sandbox.stats().faultsInjected();
      assertThat(faults).as("faults injected").isGreaterThan(EVENTS / BATCH / 10);
      System.out.printf(
          "crash suite, commitEvery=%s: %d kills, %d faults injected, repeated handler calls per"
              + " restart %s, %.1f s%n",
          commitEvery,
          KILLS,
          faults,
          outcome.restarts.stream().map(Restart::repeated).collect(Collectors.toList()),
          (System.nanoTime() - started) / 1e9);
      return outcome;
    }
  }

  private static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * Splits the output into runs and checks that each hands over a contiguous slice of {@code
   * emitted} beginning at or before where the runs before it had got to, and that all runs together
   * handed over every event in order.
   */
  private static Outcome check(List<String> lines, List<String> emitted) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < emitted.size(); i++) {
      index.put(emitted.get(i), i);
    }
    List<List<String>> runs = new ArrayList<>();
    for (String line : lines) {
      if (line.equals(QueueDrainChild.START)) {
        runs.add(new ArrayList<>());
      } else if (!line.isEmpty()) {
        assertThat(runs).as("a line before the first run marker").isNotEmpty();
        runs.get(runs.size() - 1).add(line);
      }
    }
    assertThat(runs).as("runs").hasSize(KILLS + 1);
    List<Restart> restarts = new ArrayList<>();
    int reached = 0; // events [0, reached) were handed over by the runs so far
    for (int run = 0; run < runs.size(); run++) {
      List<String> ids = runs.get(run);
      if (ids.isEmpty()) {
        restarts.add(new Restart(run, reached, reached, 0));
        continue;
      }
      Integer from = index.get(ids.get(0));
      assertThat(from)
          .as("run %d handed over an id never emitted: %s", run, ids.get(0))
          .isNotNull();
      assertThat(ids)
          .as("run %d hands over a contiguous slice of the emitted order", run)
          .containsExactlyElementsOf(
              emitted.subList(from, Math.min(emitted.size(), from + ids.size())));
      assertThat(from)
          .as("run %d starts at or before where the runs before it got to (nothing skipped)", run)
          .isLessThanOrEqualTo(reached);
      if (run > 0) {
        restarts.add(new Restart(run, from, reached, Math.min(reached, from + ids.size()) - from));
      } else {
        assertThat(from).isZero();
      }
      reached = Math.max(reached, from + ids.size());
    }
    assertThat(reached).as("every emitted event was handed over").isEqualTo(emitted.size());
    return new Outcome(restarts);
  }

  /** Counts the handled-id lines of a file that another process appends to, reading only news. */
  private static final class LineCounter {
    private final Path file;
    private long position;
    private int handled;

    LineCounter(Path file) {
      this.file = file;
    }

    int handled() throws IOException {
      if (!Files.exists(file)) {
        return handled;
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        long length = in.length();
        if (length <= position) {
          return handled;
        }
        byte[] bytes = new byte[(int) (length - position)];
        in.seek(position);
        in.readFully(bytes);
        int lastNewline = -1;
        for (int i = 0; i < bytes.length; i++) {
          if (bytes[i] == '\n') {
            lastNewline = i;
            handled++;
          }
        }
        position += lastNewline + 1; // a partial last line is read again next time
        if (lastNewline < 0) {
          return handled;
        }
        // marker lines are not events; there are few, so count them out afterwards
        String text = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
        handled -= countOccurrences(text, QueueDrainChild.START + "\n");
      }
      return handled;
    }

    private static int countOccurrences(String text, String part) {
      int count = 0;
      for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
        count++;
      }
      return count;
    }
  }
}
