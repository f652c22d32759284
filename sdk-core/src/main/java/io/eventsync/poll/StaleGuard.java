package io.eventsync.poll;

import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The stale guard of a poller: remembers the newest version handled per key in a {@link
 * VersionStore} so that a replayed dead letter older than it is dropped. Does nothing when the
 * builder set no stale key. Thread-safe if the version store is.
 */
final class StaleGuard<E> {
  private final Function<? super E, String> key;
  private final ToLongFunction<? super E> version;
  private final VersionStore versions;

  StaleGuard(
      Function<? super E, String> key, ToLongFunction<? super E> version, VersionStore versions) {
    this.key = key;
    this.version = version;
    this.versions = versions;
  }

  /** Records that {@code event} was handled. */
  void handled(E event) {
    if (key != null) {
      versions.processed(key.apply(event), version.applyAsLong(event));
    }
  }

  /** Returns true if a newer version of {@code event}'s key was handled already. */
  boolean isStale(E event) {
    if (key == null) {
      return false;
    }
    Long newest = versions.newest(key.apply(event));
    return newest != null && version.applyAsLong(event) < newest;
  }
}
