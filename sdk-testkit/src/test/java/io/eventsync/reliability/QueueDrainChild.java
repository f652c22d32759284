package io.eventsync.reliability;

import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.auth.Credentials;
import io.eventsync.poll.CommitEvery;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerHaltedException;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A poller in its own JVM, for {@link CrashIT}: drains the sandbox queue and appends each handled
 * event id to an output file, written and forced to disk before the handler returns (so a line
 * exists for every handler call that completed, whatever moment the process is killed at).
 *
 * <p>Arguments: {@code <sandbox url> <queue code> <cursor file> <output file> <BATCH|EVENT>}. The
 * first line it writes is {@value #START}, marking where a run begins; it exits 0 once the queue is
 * drained.
 */
public final class QueueDrainChild {
  /** The line that starts each run's output. */
  static final String START = "#start";

  /** Drains that rode out more consecutive failures than this fail the child. */
  private static final int MAX_DRAIN_FAILURES = 50;

  private QueueDrainChild() {}

  /** Entry point. */
  public static void main(String[] args) throws IOException {
    String url = args[0];
    String queueCode = args[1];
    Path cursorFile = Path.of(args[2]);
    Path output = Path.of(args[3]);
    CommitEvery commitEvery = CommitEvery.valueOf(args[4]);
    try (FileChannel out =
            FileChannel.open(
                output,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        EventSyncClient client =
            EventSyncClient.builder()
                .baseUrl(url)
                .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
                .sleeper(duration -> {}) // retries and backoffs never sleep
                .build()) {
      writeLine(out, START);
      for (int failures = 0; ; failures++) {
        Poller poller =
            client
                .eventQueue()
                .poller(queueCode)
                .cursorStore(CursorStore.singleFile(cursorFile))
                .commitEvery(commitEvery)
                .handler(event -> writeLine(out, event.id()))
                .build();
        try {
          poller.drain();
          return;
        } catch (PollerHaltedException e) {
          throw e; // the handler or the cursor store failed: nothing to ride out
        } catch (EventSyncException e) {
          // drain() gave up after 10 faulted fetches in a row (each after the client's retries);
          // a real service would restart it, and so does this loop, from the committed cursor
          if (failures >= MAX_DRAIN_FAILURES) {
            throw e;
          }
        } finally {
          poller.close();
        }
      }
    }
  }

  /** Appends {@code line} and forces it to disk before returning. */
  private static void writeLine(FileChannel out, String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
    out.force(false);
  }
}
