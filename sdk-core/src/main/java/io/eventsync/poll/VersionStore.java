package io.eventsync.poll;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the newest processed version per entity, for the stale-guard: a replayed event older
 * than the newest processed version of its entity is skipped. Thread-safe.
 */
public interface VersionStore {
  /** Returns the newest version processed for {@code key}, or null if none. */
  @Nullable Long newest(String key);

  /**
   * Records that {@code version} of {@code key} was processed (keeps the larger of old and new).
   */
  void processed(String key, long version);

  /** Returns a store in this process's memory. */
  static VersionStore inMemory() {
    ConcurrentMap<String, Long> versions = new ConcurrentHashMap<>();
    return new VersionStore() {
      @Override
      public @Nullable Long newest(String key) {
        return versions.get(key);
      }

      @Override
      public void processed(String key, long version) {
        versions.merge(key, version, Math::max);
      }

      @Override
      public String toString() {
        return "VersionStore.inMemory()";
      }
    };
  }
}
