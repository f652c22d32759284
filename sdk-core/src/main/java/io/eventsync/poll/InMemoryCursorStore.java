package io.eventsync.poll;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link CursorStore#inMemory()}. */
final class InMemoryCursorStore implements CursorStore {
  private final ConcurrentMap<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

  @Override
  public Checkpoint load(String stream) {
    Objects.requireNonNull(stream, "stream == null");
    return checkpoints.getOrDefault(stream, Checkpoint.initial());
  }

  @Override
  public Checkpoint commit(String stream, Checkpoint checkpoint) {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    Checkpoint next = checkpoint.withVersion(checkpoint.version() + 1);
    Checkpoint stored =
        checkpoints.compute(
            stream,
            (key, current) -> {
              long currentVersion = current == null ? 0 : current.version();
              return currentVersion == checkpoint.version() ? next : current;
            });
    if (stored != next) {
      throw Conflicts.conflict(stream, checkpoint.version(), stored.version(), "memory");
    }
    return next;
  }

  @Override
  public String toString() {
    return "CursorStore.inMemory()";
  }
}
