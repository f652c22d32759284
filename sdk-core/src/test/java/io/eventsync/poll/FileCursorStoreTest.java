package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.testing.CapturingLogs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCursorStoreTest {
  @TempDir Path dir;

  private Path slotA() {
    return dir.resolve("s.checkpoint.json");
  }

  private Path slotB() {
    return dir.resolve("s.checkpoint.json.alt");
  }

  private Checkpoint commitTimes(CursorStore store, int times) {
    Checkpoint checkpoint = store.load("s");
    for (int i = 1; i <= times; i++) {
      checkpoint = store.commit("s", checkpoint.advance("ack-" + i, List.of()));
    }
    return checkpoint;
  }

  @Test
  void commitsAlternateBetweenTwoPageSizedSlotsAndLoadTakesTheNewest() throws Exception {
    CursorStore store = CursorStore.file(dir);

    commitTimes(store, 1);
    assertThat(slotA()).exists();
    assertThat(slotB()).doesNotExist();
    commitTimes(store, 4);

    assertThat(Files.size(slotA())).isEqualTo(FileCursorStore.MIN_SLOT_BYTES);
    assertThat(Files.size(slotB())).isEqualTo(FileCursorStore.MIN_SLOT_BYTES);
    assertThat(Files.readString(slotA())).contains("\"version\":5").endsWith(" \n");
    assertThat(Files.readString(slotB())).contains("\"version\":4");
    assertThat(CursorStore.file(dir).load("s").version()).isEqualTo(5);
    assertThat(CursorStore.file(dir).load("s").position()).isEqualTo("ack-4");
    assertThat(dir.toFile().list())
        .containsExactlyInAnyOrder(
            "s.checkpoint.json", "s.checkpoint.json.alt", "s.checkpoint.json.lock");
  }

  @Test
  void aWriteTornByACrashIsRecognisedAndTheOtherSlotsCheckpointIsUsed() throws Exception {
    CursorStore store = CursorStore.file(dir);
    Checkpoint last = commitTimes(store, 4); // version 4 in slot B, version 3 in slot A
    assertThat(last.version()).isEqualTo(4);

    // the crash hit the next commit half-way through overwriting slot A in place
    overwrite(slotA(), 30, "\"version\":5,\"position\":\"ack-9");

    CapturingLogs.clear();
    Checkpoint loaded = CursorStore.file(dir).load("s");

    assertThat(loaded.version()).isEqualTo(4);
    assertThat(loaded.position()).isEqualTo("ack-4");
    assertThat(CapturingLogs.lines())
        .anyMatch(line -> line.contains(slotA().toString()) && line.contains("CRC-32C"));
    // and the next commit overwrites the torn slot
    Checkpoint next = CursorStore.file(dir).commit("s", last.advance("ack-5", List.of()));
    assertThat(next.version()).isEqualTo(5);
    assertThat(CursorStore.file(dir).load("s").position()).isEqualTo("ack-5");
  }

  @Test
  void whenNeitherSlotHoldsACheckpointTheStoreRefusesToStartOver() throws Exception {
    commitTimes(CursorStore.file(dir), 2);
    overwrite(slotA(), 10, "garbage");
    overwrite(slotB(), 10, "garbage");

    assertThatThrownBy(() -> CursorStore.file(dir).load("s"))
        .isInstanceOf(CursorStoreException.class)
        .hasMessageStartingWith("checkpoint file " + slotA() + " of stream \"s\" is corrupt")
        .hasMessageContaining("refusing to start over from the beginning");
  }

  @Test
  void aCheckpointWrittenByAnEarlierVersionWithoutChecksumOrPaddingIsReadAndMovedOn()
      throws Exception {
    Files.writeString(
        slotA(), "{\"stream\":\"s\",\"position\":\"old\",\"done_ids\":[\"e1\"],\"version\":7}");
    CursorStore store = CursorStore.file(dir);

    Checkpoint loaded = store.load("s");
    assertThat(loaded.version()).isEqualTo(7);
    assertThat(loaded.position()).isEqualTo("old");
    assertThat(loaded.doneIds()).containsExactly("e1");

    Checkpoint next = store.commit("s", loaded.advance("new", List.of()));
    next = store.commit("s", next.advance("newer", List.of()));

    assertThat(next.version()).isEqualTo(9);
    assertThat(CursorStore.file(dir).load("s").position()).isEqualTo("newer");
  }

  @Test
  void aSlotGrowsForALargeCheckpointAndShrinksBackWhenItIsSmallAgain() throws Exception {
    CursorStore store = CursorStore.file(dir);
    Checkpoint checkpoint = commitTimes(store, 2);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      ids.add("event-" + i + "-0123456789abcdef");
    }

    checkpoint = store.commit("s", checkpoint.advance("big", ids)); // slot A
    checkpoint = store.commit("s", checkpoint.advance("big2", ids)); // slot B
    assertThat(Files.size(slotA())).isGreaterThan(32_768);
    assertThat(store.load("s").doneIds()).hasSize(2_000);

    checkpoint = store.commit("s", checkpoint.advance("small", List.of()));
    store.commit("s", checkpoint.advance("small2", List.of()));
    assertThat(Files.size(slotA())).isEqualTo(FileCursorStore.MIN_SLOT_BYTES);
    assertThat(Files.size(slotB())).isEqualTo(FileCursorStore.MIN_SLOT_BYTES);
    assertThat(store.load("s").position()).isEqualTo("small2");
  }

  @Test
  void aCommitFromAStaleCheckpointIsRefusedWhicheverSlotHoldsTheNewest() {
    CursorStore store = CursorStore.file(dir);
    Checkpoint first = commitTimes(store, 1);
    Checkpoint second = store.commit("s", first.advance("b", List.of()));

    assertThatThrownBy(() -> store.commit("s", first.advance("stale", List.of())))
        .isInstanceOf(CheckpointConflictException.class);
    Checkpoint third = store.commit("s", second.advance("c", List.of()));
    assertThatThrownBy(() -> store.commit("s", second.advance("stale", List.of())))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(store.load("s")).isEqualTo(third);
  }

  @Test
  void aShorterCheckpointWrittenInPlaceLeavesTheOlderTailWhichIsIgnored() throws Exception {
    CursorStore store = CursorStore.file(dir);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("event-" + i + "-0123456789abcdef");
    }
    Checkpoint checkpoint = commitTimes(store, 2);
    checkpoint = store.commit("s", checkpoint.advance("long", ids)); // slot A
    checkpoint = store.commit("s", checkpoint.advance("long2", ids)); // slot B
    checkpoint = store.commit("s", checkpoint.advance("short", List.of("e1"))); // slot A again

    String slot = Files.readString(slotA());
    assertThat(slot.substring(slot.indexOf('\n'))).contains("event-59-0123456789abcdef");
    Checkpoint loaded = CursorStore.file(dir).load("s");
    assertThat(loaded).isEqualTo(checkpoint);
    assertThat(loaded.doneIds()).containsExactly("e1");
  }

  @Test
  void aCommitByAnotherProcessIsSeenThoughThisStoreRemembersWhatItWrote() {
    CursorStore mine = CursorStore.file(dir);
    Checkpoint first = commitTimes(mine, 3); // slot A holds 3, slot B 2, both written by mine

    CursorStore theirs = CursorStore.file(dir); // another process on the same directory
    Checkpoint taken = theirs.commit("s", theirs.load("s").advance("theirs", List.of()));

    assertThat(taken.version()).isEqualTo(4);
    assertThatThrownBy(() -> mine.commit("s", first.advance("mine", List.of())))
        .isInstanceOf(CheckpointConflictException.class);
    assertThat(mine.commit("s", mine.load("s").advance("mine", List.of())).version()).isEqualTo(5);
    assertThatThrownBy(() -> theirs.commit("s", taken.advance("stale", List.of())))
        .isInstanceOf(CheckpointConflictException.class);
  }

  private static void overwrite(Path file, int offset, String text) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      raf.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
