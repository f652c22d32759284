package io.eventsync.poll;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A poller's hold on the file cursor of one stream, for the poller's life: an OS lock on byte 1 of
 * the stream's {@code .lock} file (commits lock byte 0 for the moment they write). A second poller
 * on the same stream, in this process or another, is refused before it reads anything. The OS drops
 * the lock when the process ends, so a crash leaves nothing to clean up.
 */
final class FileCursorLock implements AutoCloseable {
  /** The byte of the lock file that commits lock while they write. */
  static final long COMMIT_REGION = 0;

  /** The byte of the lock file a poller holds for its life. */
  static final long OWNER_REGION = 1;

  private final FileChannel channel;
  private final FileLock lock;

  private FileCursorLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the cursor of {@code stream}, kept in {@code file} and its other slot, after checking
   * that they can be written.
   *
   * @throws CursorStoreException if the cursor cannot be written, or another poller holds it
   */
  static FileCursorLock acquire(String stream, Path directory, Path file, Path lockFile) {
    checkWritable(stream, directory, file);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw notWritable(stream, lockFile, e.toString(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock(OWNER_REGION, 1, false);
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another poller in this process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new CursorStoreException(
          "cannot lock " + lockFile + " for the cursor of stream \"" + stream + "\": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new CursorStoreException(
          "the cursor of stream \""
              + stream
              + "\" in "
              + file
              + " is in use by another poller (in this or another process; lock file "
              + lockFile
              + "): only one poller may read a stream with one file cursor at a time; close"
              + " the other poller first, or give this one its own cursor file (for a fleet, use"
              + " JdbcCursorStore with a JdbcLease)",
          null);
    }
    return new FileCursorLock(channel, lock);
  }

  private static void checkWritable(String stream, Path directory, Path file) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw notWritable(stream, directory, "cannot create the directory: " + e, e);
    }
    if (!Files.isWritable(directory)) {
      throw notWritable(stream, directory, "the directory is not writable", null);
    }
    for (Path slot : new Path[] {file, FileCursorStore.altOf(file)}) {
      if (Files.exists(slot) && !Files.isWritable(slot)) {
        throw notWritable(stream, slot, "the file is not writable", null);
      }
    }
  }

  private static CursorStoreException notWritable(
      String stream, Path path, String why, Throwable cause) {
    return new CursorStoreException(
        "cannot store the cursor of stream \""
            + stream
            + "\" in "
            + path
            + " ("
            + why
            + "): make it writable or choose another cursor location; nothing was handed over",
        cause);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was locked
    }
  }

  /** Gives the cursor up; closing the channel releases the lock. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // the OS releases the lock with the descriptor in any case
    }
    assert !lock.isValid();
  }
}
