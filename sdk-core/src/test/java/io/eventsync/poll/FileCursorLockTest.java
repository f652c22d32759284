package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.eventsync.testing.MutableClock;
import io.eventsync.testing.RecordingSleeper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One poller per stream and file cursor, and a cursor that cannot be written refused early. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileCursorLockTest {
  private final FakeQueue queue = new FakeQueue(50);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final List<String> first = new CopyOnWriteArrayList<>();
  private final List<String> second = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  private Poller poller(CursorStore store, List<String> handled) {
    return new PollerBuilder<>(queue, clock, sleeper)
        .cursorStore(store)
        .handler(event -> handled.add(event.id()))
        .build();
  }

  @Test
  void aSecondPollerOnTheSameFileCursorIsRefusedBeforeItHandsAnythingOver() {
    queue.emit(120, 1);
    Poller one = poller(CursorStore.file(dir), first);
    one.pollOnce(); // handles e0..e49 and commits; it keeps the cursor until closed
    Poller two = poller(CursorStore.file(dir), second);

    assertThatThrownBy(two::drain)
        .isInstanceOf(CursorStoreException.class)
        .hasMessage(
            "the cursor of stream \"fake\" in "
                + dir.resolve("fake.checkpoint.json")
                + " is in use by another poller (in this or another process; lock file "
                + dir.resolve("fake.checkpoint.json.lock")
                + "): only one poller may read a stream with one file cursor at a time; close the"
                + " other poller first, or give this one its own cursor file (for a fleet, use"
                + " JdbcCursorStore with a JdbcLease)");
    assertThatThrownBy(two::start).isInstanceOf(CursorStoreException.class);
    assertThat(second).isEmpty();
    assertThat(queue.pulls).isEqualTo(1);

    one.close();
    Poller three = poller(CursorStore.file(dir), second);
    three.drain();
    three.close();
    assertThat(second).hasSize(70).startsWith("e50");
  }

  @Test
  void aPollerIsRefusedWhileAnotherProcessHoldsTheCursorAndTakesItOnceThatProcessEnds()
      throws Exception {
    queue.emit(10, 1);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldCursorChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("held");
      Poller poller = poller(CursorStore.file(dir), second);

      assertThatThrownBy(poller::pollOnce)
          .isInstanceOf(CursorStoreException.class)
          .hasMessageContaining("is in use by another poller (in this or another process");
      assertThat(second).isEmpty();

      child.getOutputStream().close(); // the child ends; the OS releases its lock
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      poller.drain();
      poller.close();
      assertThat(second).hasSize(10);
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void anotherProcessIsStillRefusedAfterThePollerCommitted() throws Exception {
    queue.emit(120, 1);
    Poller poller = poller(CursorStore.file(dir), first);
    poller.drain(); // commits several batches while it holds the cursor
    assertThat(first).hasSize(120);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldCursorChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("the child's claim while this poller holds it").isNull();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isNotZero();
    } finally {
      child.destroyForcibly();
      poller.close();
    }
  }

  @Test
  void theSameStoreInstanceSharedByTwoPollersIsRefusedToo() {
    queue.emit(10, 1);
    CursorStore store = CursorStore.singleFile(dir.resolve("cursor.json"));
    Poller one = poller(store, first);
    one.start();

    assertThatThrownBy(() -> poller(store, second).pollOnce())
        .isInstanceOf(CursorStoreException.class)
        .hasMessageContaining("is in use by another poller");
    one.close();
    assertThat(second).isEmpty();
  }

  @Test
  void aHaltedPollerGivesTheCursorUpForItsReplacement() {
    queue.emit(10, 1);
    Poller halted =
        new PollerBuilder<>(queue, clock, sleeper)
            .cursorStore(CursorStore.file(dir))
            .retryPolicy(io.eventsync.RetryPolicy.none())
            .handler(
                event -> {
                  throw new IllegalStateException("broken handler");
                })
            .build();
    assertThatThrownBy(halted::drain).isInstanceOf(PollerHaltedException.class);

    Poller replacement = poller(CursorStore.file(dir), second);
    replacement.drain();
    replacement.close();

    assertThat(second).hasSize(10);
  }

  @Test
  void aCursorDirectoryThatCannotBeCreatedIsRefusedBeforeTheFirstEvent() throws Exception {
    queue.emit(10, 1);
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path cursors = notADirectory.resolve("cursors");
    Poller poller = poller(CursorStore.file(cursors), first);

    assertThatThrownBy(poller::drain)
        .isInstanceOf(CursorStoreException.class)
        .hasMessageStartingWith(
            "cannot store the cursor of stream \"fake\" in " + cursors + " (cannot create")
        .hasMessageEndingWith(
            "make it writable or choose another cursor location; nothing was handed over");
    assertThat(first).isEmpty();
    assertThat(queue.pulls).isZero();
  }

  @Test
  void aReadOnlyCursorDirectoryIsRefusedBeforeTheFirstEvent() throws Exception {
    queue.emit(10, 1);
    Path cursors = Files.createDirectory(dir.resolve("cursors"));
    Files.setPosixFilePermissions(cursors, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(cursors), "permissions do not bind this user (root)");
      Poller poller = poller(CursorStore.file(cursors), first);

      assertThatThrownBy(poller::start)
          .isInstanceOf(CursorStoreException.class)
          .hasMessage(
              "cannot store the cursor of stream \"fake\" in "
                  + cursors
                  + " (the directory is not writable): make it writable or choose another cursor"
                  + " location; nothing was handed over");
      assertThat(first).isEmpty();
    } finally {
      Files.setPosixFilePermissions(cursors, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aReadOnlyCheckpointFileIsRefusedBeforeTheFirstEvent() throws Exception {
    queue.emit(10, 1);
    Path file = dir.resolve("cursor.json");
    Poller writer = poller(CursorStore.singleFile(file), first);
    writer.pollOnce();
    writer.close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    assumeFalse(Files.isWritable(file), "permissions do not bind this user (root)");
    Poller poller = poller(CursorStore.singleFile(file), second);

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(CursorStoreException.class)
        .hasMessageContaining("(the file is not writable)");
    assertThat(second).isEmpty();
  }
}
