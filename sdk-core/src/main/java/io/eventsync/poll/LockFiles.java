package io.eventsync.poll;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One open channel per {@code .lock} file in this JVM, shared by a poller's hold on its cursor and
 * the commits to it. POSIX drops every lock a process holds on a file when it closes <em>any</em>
 * descriptor of that file, so a commit that opened and closed its own channel would silently end
 * the poller's hold, and another process could take the cursor while the poller still runs. The
 * channel is closed only when nothing of this JVM uses it any more. Thread-safe.
 */
final class LockFiles {
  private static final Map<Path, Handle> OPEN = new HashMap<>(); // guarded by itself

  private LockFiles() {}

  /** A use of a lock file's shared channel; {@link #close()} ends the use. */
  static final class Handle implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private int uses; // guarded by OPEN

    private Handle(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    FileChannel channel() {
      return channel;
    }

    /** Ends this use; the last one closes the channel (and the OS drops its locks). */
    @Override
    public void close() {
      synchronized (OPEN) {
        if (--uses > 0) {
          return;
        }
        OPEN.remove(path, this);
      }
      try {
        channel.close();
      } catch (IOException e) {
        // the OS releases the locks with the descriptor in any case
      }
    }
  }

  /**
   * Opens {@code lockFile} (creating it, and its directory if that is missing) or shares the
   * channel this JVM has open on it already.
   */
  static Handle open(Path lockFile) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    synchronized (OPEN) {
      Handle handle = OPEN.get(key);
      if (handle == null) {
        handle = new Handle(key, openChannel(key));
        OPEN.put(key, handle);
      }
      handle.uses++;
      return handle;
    }
  }

  private static FileChannel openChannel(Path lockFile) throws IOException {
    try {
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      Files.createDirectories(lockFile.getParent());
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
  }
}
