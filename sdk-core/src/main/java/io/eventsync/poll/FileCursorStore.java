package io.eventsync.poll;

import io.eventsync.DecodingException;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CursorStore#file(Path)}: one {@code <stream>.checkpoint.json} per stream, replaced
 * atomically; commits hold an OS file lock so two processes cannot interleave.
 */
final class FileCursorStore implements CursorStore {
  private static final java.util.concurrent.ConcurrentMap<Path, Object> JVM_LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path directory;
  private final Path singleFile;

  FileCursorStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory == null").toAbsolutePath();
    this.singleFile = null;
  }

  private FileCursorStore(Path directory, Path singleFile) {
    this.directory = directory;
    this.singleFile = singleFile;
  }

  /** Returns a store whose one stream is kept in {@code file}. */
  static FileCursorStore singleFile(Path file) {
    Path absolute = Objects.requireNonNull(file, "file == null").toAbsolutePath();
    if (absolute.getParent() == null) {
      throw new IllegalArgumentException("cursor file has no parent directory: " + file);
    }
    return new FileCursorStore(absolute.getParent(), absolute);
  }

  /**
   * Returns the checkpoint file of {@code stream}: letters, digits, {@code . _ -} kept, others
   * hex-escaped.
   */
  Path fileOf(String stream) {
    Objects.requireNonNull(stream, "stream == null");
    if (singleFile != null) {
      return singleFile;
    }
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("stream name is empty");
    }
    StringBuilder name = new StringBuilder();
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || (c == '.' && name.length() > 0)) {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return directory.resolve(name + ".checkpoint.json");
  }

  @Override
  public Checkpoint load(String stream) {
    Path file = fileOf(stream);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Checkpoint.initial();
    } catch (IOException e) {
      throw new CursorStoreException(
          "cannot read the checkpoint of stream \"" + stream + "\" from " + file + ": " + e, e);
    }
    return parse(stream, file, new String(bytes, StandardCharsets.UTF_8));
  }

  private static Checkpoint parse(String stream, Path file, String text) {
    try {
      Object root = Json.decode(Json.adapter(Object.class), text, "checkpoint file " + file);
      if (!(root instanceof Map)) {
        throw corrupt(stream, file, "not a JSON object", null);
      }
      Map<?, ?> map = (Map<?, ?>) root;
      Object version = map.get("version");
      Object doneIds = map.get("done_ids");
      Object position = map.get("position");
      if (map.get("stream") instanceof String && !stream.equals(map.get("stream"))) {
        throw new CursorStoreException(
            "checkpoint file "
                + file
                + " belongs to stream \""
                + map.get("stream")
                + "\", not \""
                + stream
                + "\"; use another file for this stream",
            null);
      }
      if (!(version instanceof Double)
          || !(doneIds instanceof List)
          || !(position == null || position instanceof String)
          || !stream.equals(map.get("stream"))) {
        throw corrupt(stream, file, "missing or wrong stream, position, done_ids or version", null);
      }
      if ((Double) version < 0) {
        throw corrupt(stream, file, "negative version " + version, null);
      }
      List<String> ids = new ArrayList<>();
      for (Object id : (List<?>) doneIds) {
        if (!(id instanceof String)) {
          throw corrupt(stream, file, "done_ids holds a non-string", null);
        }
        ids.add((String) id);
      }
      return Checkpoint.of((String) position, ids, ((Double) version).longValue());
    } catch (DecodingException e) {
      throw corrupt(stream, file, e.getMessage(), e);
    }
  }

  private static CursorStoreException corrupt(
      String stream, Path file, String why, Throwable cause) {
    return new CursorStoreException(
        "checkpoint file "
            + file
            + " of stream \""
            + stream
            + "\" is corrupt ("
            + why
            + "); refusing to start over from the beginning: restore the file, or delete it"
            + " to deliberately read the stream again from the start",
        cause);
  }

  @Override
  public Checkpoint commit(String stream, Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    Path file = fileOf(stream);
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(directory);
      // File locks are held per JVM, so threads of this JVM take turns first.
      synchronized (JVM_LOCKS.computeIfAbsent(file, key -> new Object())) {
        try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = lockChannel.lock(); // released when the channel closes
          assert lock.isValid();
          Checkpoint stored = load(stream);
          if (stored.version() != checkpoint.version()) {
            throw Conflicts.conflict(
                stream, checkpoint.version(), stored.version(), file.toString());
          }
          Checkpoint next = checkpoint.withVersion(checkpoint.version() + 1);
          write(stream, file, next);
          return next;
        }
      }
    } catch (IOException e) {
      throw new CursorStoreException(
          "cannot store the checkpoint of stream \"" + stream + "\" in " + file + ": " + e, e);
    }
  }

  private void write(String stream, Path file, Checkpoint checkpoint) throws IOException {
    String json =
        Json.object(
            "stream",
            stream,
            "position",
            checkpoint.position(),
            "done_ids",
            new ArrayList<>(checkpoint.doneIds()),
            "version",
            checkpoint.version());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + directory + " cannot rename atomically", e);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true); // the rename itself is durable once the directory is
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is still atomic.
    }
  }

  @Override
  public String toString() {
    return singleFile != null
        ? "CursorStore.singleFile(" + singleFile + ")"
        : "CursorStore.file(" + directory + ")";
  }
}
