package io.eventsync.poll;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import io.eventsync.EventSyncException;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** {@link DeadLetterSink#file(Path)}: append-only JSON lines, each forced to disk. */
final class FileDeadLetterSink implements DeadLetterSink {
  private static final JsonAdapter<DeadLetter> ADAPTER = Json.adapter(DeadLetter.class);

  private final Path file;

  FileDeadLetterSink(Path file) {
    this.file = Objects.requireNonNull(file, "file == null").toAbsolutePath();
  }

  @Override
  public synchronized void accept(DeadLetter deadLetter) {
    Objects.requireNonNull(deadLetter, "deadLetter == null");
    byte[] line = (ADAPTER.toJson(deadLetter) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
    } catch (IOException e) {
      throw new EventSyncException(
          "cannot append the dead letter of event "
              + deadLetter.eventId()
              + " to "
              + file
              + ": "
              + e,
          e);
    }
  }

  @Override
  public synchronized List<DeadLetter> pending() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new EventSyncException("cannot read dead letters from " + file + ": " + e, e);
    }
    List<DeadLetter> letters = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        letters.add(Json.decode(ADAPTER, line, "dead letter"));
      } catch (DecodingException e) {
        if (i == lines.size() - 1) {
          continue; // a line torn by a crash while appending; its event was not given up yet
        }
        throw new EventSyncException(
            "dead letter file " + file + " has a corrupt line " + (i + 1) + ": " + e.getMessage(),
            e);
      }
    }
    return letters;
  }

  @Override
  public synchronized void remove(String stream, Collection<String> eventIds) {
    List<DeadLetter> keep = new ArrayList<>();
    for (DeadLetter letter : pending()) {
      if (!(letter.stream().equals(stream) && eventIds.contains(letter.eventId()))) {
        keep.add(letter);
      }
    }
    StringBuilder text = new StringBuilder();
    for (DeadLetter letter : keep) {
      text.append(ADAPTER.toJson(letter)).append('\n');
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EventSyncException("cannot rewrite dead letter file " + file + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "DeadLetterSink.file(" + file + ")";
  }
}
