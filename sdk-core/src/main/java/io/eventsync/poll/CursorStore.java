package io.eventsync.poll;

import java.nio.file.Path;

/**
 * Where a poller keeps its {@link Checkpoint}s, one per stream name.
 *
 * <p>Commits are compare-and-set on {@link Checkpoint#version()}: a writer whose checkpoint is not
 * the stored version gets a {@link CheckpointConflictException} and must stop, so two pollers
 * cannot both move one cursor. Implementations are thread-safe.
 */
public interface CursorStore {
  /**
   * Returns the stream's stored checkpoint, or {@link Checkpoint#initial()} if it has none.
   *
   * @throws CursorStoreException if the stored checkpoint cannot be read; a store never silently
   *     starts over from the beginning
   */
  Checkpoint load(String stream);

  /**
   * Stores {@code checkpoint} if the store still holds {@code checkpoint.version()}, and returns it
   * with its new version.
   *
   * @throws CheckpointConflictException if another writer committed in between
   * @throws CursorStoreException if it cannot be stored durably
   */
  Checkpoint commit(String stream, Checkpoint checkpoint);

  /**
   * Commits like {@link #commit(String, Checkpoint)}, fenced by {@code fencingToken} (a {@link
   * Lease#epoch()}): a store that supports fencing refuses a token older than the newest it has
   * seen for the stream. The default ignores the token (in-memory and file stores are for one
   * process).
   */
  default Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
    return commit(stream, checkpoint);
  }

  /**
   * Loads like {@link #load(String)} for a poller that just took its lease over at epoch {@code
   * fencingToken}: a store that supports fencing records the epoch first, so that the previous
   * holder cannot commit between this load and the new holder's first commit. The default ignores
   * the token.
   *
   * @throws CheckpointConflictException if the store has seen a newer epoch (a fenced store)
   */
  default Checkpoint load(String stream, long fencingToken) {
    return load(stream);
  }

  /** Returns a store in this process's memory, for tests and for streams that may start over. */
  static CursorStore inMemory() {
    return new InMemoryCursorStore();
  }

  /**
   * Returns a store that keeps the checkpoint of each stream in {@code directory} (created if
   * missing), in two JSON slot files used in turns: {@code <stream>.checkpoint.json} and {@code
   * <stream>.checkpoint.json.alt}. A commit overwrites the slot that does not hold the newest
   * checkpoint in place and forces its data to disk (one {@code fdatasync}), so a crash leaves the
   * old or the new checkpoint; every checkpoint carries a CRC-32C, so a torn write is recognised
   * and the other slot used. If neither slot can be read, the store fails loudly with the path
   * instead of starting the stream over.
   */
  static CursorStore file(Path directory) {
    return new FileCursorStore(directory);
  }

  /**
   * Returns a store like {@link #file(Path)} that keeps the checkpoint of exactly one stream in
   * {@code file} (the command line's {@code --cursor-file}); a file holding another stream's
   * checkpoint is refused.
   */
  static CursorStore singleFile(Path file) {
    return FileCursorStore.singleFile(file);
  }
}
