package io.eventsync.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Streaming a million rows needs constant memory: it runs in a JVM with a 64 MiB heap. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EventLogMemoryIT {
  @Test
  void streamsAMillionRowsWithA64MiBHeap(@TempDir Path dir)
      throws IOException, InterruptedException {
    try (EventSyncSandbox sandbox = EventSyncSandbox.start()) {
      sandbox.appendLogRows(
          1_000_000, Instant.parse("2026-01-01T00:00:00Z"), false, "TRANSACTION_STATUS_CHANGE");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process child =
          new ProcessBuilder(
                  List.of(
                      java.toString(),
                      "-Xmx64m",
                      "-cp",
                      System.getProperty("java.class.path"),
                      StreamLogMain.class.getName(),
                      sandbox.url()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child.out").toFile())
              .start();
      boolean finished;
      try {
        finished = child.waitFor(240, TimeUnit.SECONDS);
      } finally {
        child.destroyForcibly();
      }
      String output = Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8);
      assertThat(finished).as(output).isTrue();

      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output).contains("rows=1000000 ordered=true");
      System.out.println("events log stream, 1,000,000 rows, -Xmx64m: " + output.strip());
    }
  }
}
