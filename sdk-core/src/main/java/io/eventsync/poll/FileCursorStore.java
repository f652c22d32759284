package io.eventsync.poll;

import com.squareup.moshi.JsonWriter;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CursorStore#file(Path)}: the checkpoint of a stream in two slot files, {@code
 * <stream>.checkpoint.json} and the same name with {@code .alt} appended, used in turns.
 *
 * <p>A slot is a file of a fixed size (a page or more) whose first line is the checkpoint, sealed
 * with its CRC-32C; the rest is padding, or what is left of an older, longer line, and is ignored.
 * A commit overwrites, in place, the first line of the slot that does not hold the newest
 * checkpoint and forces only its data to disk (one {@code fdatasync}): no file is created, renamed
 * or resized, so no directory or metadata has to be forced as well. A crash during that write can
 * tear only that slot, which the checksum reveals; the other slot still holds the last commit. A
 * slot too small for the checkpoint (or far too large) is replaced through a forced temporary file
 * renamed over it, as the first commits do.
 *
 * <p>Commits hold an OS file lock, so two processes cannot interleave; each checks the stored
 * version first, which costs no parsing when both slots still hold what this store wrote last. A
 * poller also {@link #claim claims} its stream's cursor for its whole life, so that a second poller
 * on the same stream is refused before it hands anything over, not only at its first commit.
 */
final class FileCursorStore implements CursorStore {
  private static final Logger log = LoggerFactory.getLogger(FileCursorStore.class);
  private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  /** The smallest slot: one page, so that a small checkpoint is one block written in place. */
  static final int MIN_SLOT_BYTES = 4096;

  private static final String CHECKSUM_FIELD = "{\"crc32c\":\"";
  private static final String ALT_SUFFIX = ".alt";
  private static final String VERSION_FIELD = ",\"version\":";

  private final Path directory;
  private final Path singleFile;

  /** What this store last wrote at the start of each slot file, and the version it holds. */
  private final ConcurrentMap<Path, Written> written = new ConcurrentHashMap<>();

  private record Written(byte[] line, long version) {}

  FileCursorStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory == null").toAbsolutePath();
    this.singleFile = null;
  }

  private FileCursorStore(Path directory, Path singleFile) {
    this.directory = directory;
    this.singleFile = singleFile;
  }

  /** Returns a store whose one stream is kept in {@code file} (and its {@code .alt} slot). */
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

  /**
   * Takes the cursor of {@code stream} for one poller's life, after checking that it can be
   * written; see {@link FileCursorLock}.
   *
   * @throws CursorStoreException if the cursor cannot be written, or another poller holds it
   */
  FileCursorLock claim(String stream) {
    Path file = fileOf(stream);
    return FileCursorLock.acquire(stream, directory, file, lockFileOf(file));
  }

  private static Path lockFileOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /** Returns the other slot of {@code file}. */
  static Path altOf(Path file) {
    return file.resolveSibling(file.getFileName() + ALT_SUFFIX);
  }

  @Override
  public Checkpoint load(String stream) {
    Slot newest = newest(stream, fileOf(stream), false);
    return newest == null ? Checkpoint.initial() : newest.checkpoint(stream);
  }

  /**
   * A slot file and the checkpoint it holds (its version, its JSON and, once parsed, the
   * checkpoint), or why it holds none.
   */
  private record Slot(Path file, long version, String json, Checkpoint parsed, String problem) {
    boolean holdsCheckpoint() {
      return problem == null;
    }

    Checkpoint checkpoint(String stream) {
      if (parsed != null) {
        return parsed;
      }
      try {
        return parse(stream, file, json);
      } catch (Corrupt e) {
        throw corrupt(stream, file, e.getMessage());
      }
    }
  }

  /** Why a slot holds no checkpoint. */
  private static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Returns the slot holding the newest checkpoint, or null if neither slot file exists. A slot
   * that holds no checkpoint is skipped with a warning while the other holds one: that is what a
   * crash in the middle of a write leaves.
   */
  private Slot newest(String stream, Path file, boolean trustWritten) {
    Slot first = read(stream, file, trustWritten);
    Slot second = read(stream, altOf(file), trustWritten);
    if (first == null || !first.holdsCheckpoint()) {
      if (second == null || !second.holdsCheckpoint()) {
        Slot broken = first != null ? first : second;
        if (broken == null) {
          return null;
        }
        throw corrupt(stream, broken.file, broken.problem);
      }
      warnSkipped(stream, first, second);
      return second;
    }
    if (second == null || !second.holdsCheckpoint()) {
      warnSkipped(stream, second, first);
      return first;
    }
    return first.version >= second.version ? first : second;
  }

  private static void warnSkipped(String stream, Slot skipped, Slot used) {
    if (skipped != null) {
      log.warn(
          "checkpoint slot {} of stream {} holds no checkpoint ({}); using {}",
          skipped.file,
          stream,
          skipped.problem,
          used.file);
    }
  }

  /**
   * Reads one slot: null if the file does not exist. With {@code trustWritten}, a slot that still
   * starts with the line this store wrote into it is known without checking or parsing it.
   */
  private Slot read(String stream, Path file, boolean trustWritten) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CursorStoreException(
          "cannot read the checkpoint of stream \"" + stream + "\" from " + file + ": " + e, e);
    }
    Written mine = trustWritten ? written.get(file) : null;
    if (mine != null && startsWith(bytes, mine.line)) {
      return new Slot(file, mine.version, null, null, null);
    }
    try {
      String json = verified(new String(bytes, StandardCharsets.UTF_8));
      long version = sealedVersion(stream, json);
      if (version >= 0) { // parsed only if it is loaded: commits need only the version
        return new Slot(file, version, json, null, null);
      }
      Checkpoint checkpoint = parse(stream, file, json);
      return new Slot(file, checkpoint.version(), json, checkpoint, null);
    } catch (Corrupt e) {
      return new Slot(file, -1, null, null, e.getMessage());
    }
  }

  /**
   * Returns the version of a checkpoint of {@code stream} as {@link #write} lays it out ({@code
   * {"stream":...,"version":N}}), or -1 if it is laid out otherwise.
   */
  private static long sealedVersion(String stream, String json) {
    String prefix = Json.object("stream", stream);
    int at = json.lastIndexOf(VERSION_FIELD);
    if (!json.startsWith(prefix.substring(0, prefix.length() - 1) + ",")
        || at < 0
        || !json.endsWith("}")) {
      return -1;
    }
    String digits = json.substring(at + VERSION_FIELD.length(), json.length() - 1);
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(digits);
  }

  /**
   * Returns the JSON of a slot without its padding and its CRC-32C, after checking it. The checksum
   * comes first, in the first block written, so that a write torn between blocks never passes for a
   * file without one; files written by earlier versions have none, and were never written in place.
   */
  private static String verified(String text) throws Corrupt {
    if (!text.startsWith(CHECKSUM_FIELD)) {
      return text.strip();
    }
    int lineEnd = text.indexOf('\n');
    String json = (lineEnd < 0 ? text : text.substring(0, lineEnd)).strip();
    int start = CHECKSUM_FIELD.length();
    int end = start + 8;
    if (json.length() < end + 2 || !json.startsWith("\",", end)) {
      throw new Corrupt("its CRC-32C field is cut short: a write torn by a crash?");
    }
    String body = "{" + json.substring(end + 2);
    if (!json.substring(start, end).equals(crc(body.getBytes(StandardCharsets.UTF_8)))) {
      throw new Corrupt("its CRC-32C does not match its content: a write torn by a crash?");
    }
    return body;
  }

  private static String crc(byte[] json) {
    return SealedLine.crc(json, json.length);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static Checkpoint parse(String stream, Path file, String text) throws Corrupt {
    try {
      Object root = Json.decode(Json.adapter(Object.class), text, "checkpoint file " + file);
      if (!(root instanceof Map)) {
        throw new Corrupt("not a JSON object");
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
        throw new Corrupt("missing or wrong stream, position, done_ids or version");
      }
      if ((Double) version < 0) {
        throw new Corrupt("negative version " + version);
      }
      List<String> ids = new ArrayList<>();
      for (Object id : (List<?>) doneIds) {
        if (!(id instanceof String)) {
          throw new Corrupt("done_ids holds a non-string");
        }
        ids.add((String) id);
      }
      return Checkpoint.of((String) position, ids, ((Double) version).longValue());
    } catch (DecodingException e) {
      throw new Corrupt(e.getMessage());
    }
  }

  private static CursorStoreException corrupt(String stream, Path file, String why) {
    return new CursorStoreException(
        "checkpoint file "
            + file
            + " of stream \""
            + stream
            + "\" is corrupt ("
            + why
            + "); refusing to start over from the beginning: restore the file, or delete it"
            + " (and its "
            + ALT_SUFFIX
            + " slot) to deliberately read the stream again from the start",
        null);
  }

  @Override
  public Checkpoint commit(String stream, Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    Path file = fileOf(stream);
    Path lockPath = lockFileOf(file);
    try {
      // File locks are held per JVM, so threads of this JVM take turns first.
      synchronized (JVM_LOCKS.computeIfAbsent(file, key -> new Object())) {
        // The channel is shared with this JVM's hold on the cursor: closing a channel of its own
        // would drop that hold too (POSIX drops all of a process's locks on a file at any close).
        try (LockFiles.Handle lockFile = LockFiles.open(lockPath);
            FileLock lock = lockFile.channel().lock(FileCursorLock.COMMIT_REGION, 1, false)) {
          assert lock.isValid(); // released at the end of the try, the channel stays shared
          Slot newest = newest(stream, file, true);
          long stored = newest == null ? 0 : newest.version;
          if (stored != checkpoint.version()) {
            throw Conflicts.conflict(stream, checkpoint.version(), stored, file.toString());
          }
          Checkpoint next = checkpoint.withVersion(checkpoint.version() + 1);
          // Overwrite the slot that does not hold the newest checkpoint.
          Path target = newest != null && newest.file.equals(file) ? altOf(file) : file;
          write(stream, target, next);
          return next;
        }
      }
    } catch (IOException e) {
      throw new CursorStoreException(
          "cannot store the checkpoint of stream \"" + stream + "\" in " + file + ": " + e, e);
    }
  }

  private void write(String stream, Path slot, Checkpoint checkpoint) throws IOException {
    byte[] line = sealedLine(stream, checkpoint);
    long size = sizeOrMinusOne(slot);
    if (size >= line.length && size <= 4L * Math.max(MIN_SLOT_BYTES, line.length)) {
      try (FileChannel channel = FileChannel.open(slot, StandardOpenOption.WRITE)) {
        writeFully(channel, ByteBuffer.wrap(line));
        channel.force(false); // the data only: the file's size and blocks are unchanged
      }
    } else {
      replace(slot, line);
    }
    written.put(slot, new Written(line, checkpoint.version()));
  }

  /**
   * Returns {@code {"crc32c":"<hex>","stream":...,"position":...,"done_ids":[...],"version":N}} and
   * a line feed, the checksum being over the same object without it.
   */
  static byte[] sealedLine(String stream, Checkpoint checkpoint) throws IOException {
    String position = checkpoint.position();
    String[] ids = checkpoint.doneIdArray();
    byte[] line = SealedLine.sealed(stream, position, ids, checkpoint.version());
    return line != null ? line : sealedLineWithJsonWriter(stream, position, ids, checkpoint);
  }

  /** {@link #sealedLine} written with Moshi's JSON writer, for strings that need escaping. */
  static byte[] sealedLineWithJsonWriter(
      String stream, String position, String[] ids, Checkpoint checkpoint) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writer.beginObject();
      writer.name("stream").value(stream);
      writer.name("position").value(position);
      writer.name("done_ids").beginArray();
      for (String id : ids) {
        writer.value(id);
      }
      writer.endArray();
      writer.name("version").value(checkpoint.version());
      writer.endObject();
    }
    byte[] json = buffer.readByteArray();
    byte[] head =
        (CHECKSUM_FIELD + SealedLine.crc(json, json.length) + "\",")
            .getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[head.length + json.length]; // json's "{" becomes the line feed's place
    System.arraycopy(head, 0, line, 0, head.length);
    System.arraycopy(json, 1, line, head.length, json.length - 1);
    line[line.length - 1] = '\n';
    return line;
  }

  /** Writes a new slot file: {@code line}, padded to a page or more, forced, renamed over it. */
  private void replace(Path slot, byte[] line) throws IOException {
    int capacity = Math.max(MIN_SLOT_BYTES, Integer.highestOneBit(line.length - 1) << 1);
    byte[] bytes = Arrays.copyOf(line, capacity);
    Arrays.fill(bytes, line.length, capacity - 1, (byte) ' ');
    bytes[capacity - 1] = '\n';
    Path temp = slot.resolveSibling(slot.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(channel, ByteBuffer.wrap(bytes));
      channel.force(true);
    }
    try {
      Files.move(temp, slot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + directory + " cannot rename atomically", e);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true); // the rename itself is durable once the directory is
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is still atomic.
    }
  }

  private static long sizeOrMinusOne(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  @Override
  public String toString() {
    return singleFile != null
        ? "CursorStore.singleFile(" + singleFile + ")"
        : "CursorStore.file(" + directory + ")";
  }
}
