package io.eventsync.poll;

import java.nio.file.Path;
import java.util.List;

/**
 * Where events that still fail after their retries go, so the poller can move on without losing
 * them. {@link #accept} must not return before the dead letter is durable. Implementations are
 * thread-safe.
 */
public interface DeadLetterSink {
  /**
   * Stores {@code deadLetter} durably.
   *
   * @throws io.eventsync.EventSyncException if it cannot; the poller then halts before the event
   */
  void accept(DeadLetter deadLetter);

  /**
   * Returns the dead letters not yet replayed, oldest first.
   *
   * @throws UnsupportedOperationException if this sink cannot be read back (a forwarding sink)
   */
  List<DeadLetter> pending();

  /**
   * Removes the dead letters of {@code stream} with these event ids (after a successful replay).
   */
  void remove(String stream, java.util.Collection<String> eventIds);

  /**
   * Returns a sink appending JSON lines to {@code file} (created with its directory if missing),
   * each line forced to disk before {@link #accept} returns.
   */
  static DeadLetterSink file(Path file) {
    return new FileDeadLetterSink(file);
  }

  /** Returns a sink in this process's memory, for tests. */
  static DeadLetterSink inMemory() {
    return new InMemoryDeadLetterSink();
  }
}
