package io.eventsync.poll;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

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

  private final LockFiles.Handle file;
  private final FileLock lock;

  private FileCursorLock(LockFiles.Handle file, FileLock lock) {
    this.file = file;
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
    LockFiles.Handle handle;
    try {
      handle = LockFiles.open(lockFile);
    } catch (IOException e) {
      throw notWritable(stream, lockFile, e.toString(), e);
    }
    FileLock lock;
    try {
      lock = handle.channel().tryLock(OWNER_REGION, 1, false);
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another poller in this process
    } catch (IOException e) {
      handle.close();
      throw new CursorStoreException(
          "cannot lock " + lockFile + " for the cursor of stream \"" + stream + "\": " + e, e);
    }
    if (lock == null) {
      handle.close();
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
    return new FileCursorLock(handle, lock);
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

  /** Gives the cursor up: releases the lock, and closes the channel unless a commit uses it. */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      // the OS releases the lock with the descriptor in any case
    } finally {
      file.close();
    }
  }
}
