package io.eventsync.poll;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stream of events a {@link Poller} reads: the queue and the events log implement it, and so may
 * a feed of your own. Implementations must be thread-safe for one poller.
 *
 * @param <E> the event type
 */
public interface EventSource<E> {
  /** Returns the stream's name, the key of its checkpoint. */
  String stream();

  /**
   * Fetches the events after {@code checkpoint}, oldest first. Events the checkpoint records as
   * done may be included; the poller skips them.
   *
   * @throws io.eventsync.EventSyncException if the fetch failed (after the client's retries)
   */
  Batch<E> fetch(Checkpoint checkpoint);

  /** Returns the event's unique id. */
  String id(E event);

  /** Returns when the event was created (for lag), or null if unknown. */
  @Nullable Instant createdAt(E event);

  /** Returns the event's type for dead letters, or null. */
  @Nullable String type(E event);

  /** Returns the event as JSON, enough for {@link #fromJson} to restore it (dead letters). */
  String toJson(E event);

  /** Restores an event written by {@link #toJson}. */
  E fromJson(String json);

  /**
   * A fetched batch.
   *
   * @param events the events, oldest first
   * @param nextPosition the position once every event of the batch is handled
   * @param nextDoneIds the ids handled since {@code nextPosition} at that point
   * @param caughtUp true if there was nothing more to fetch at the time
   * @param unreachable rows the source could not deliver, by id, with the reason (reported to the
   *     poller's listener, never silently dropped)
   * @param <E> the event type
   */
  record Batch<E>(
      List<E> events,
      String nextPosition,
      Collection<String> nextDoneIds,
      boolean caughtUp,
      Map<String, String> unreachable) {
    /** Copies the collections. */
    public Batch {
      events = List.copyOf(events);
      nextDoneIds = List.copyOf(nextDoneIds);
      unreachable = Map.copyOf(unreachable);
    }

    /** Creates a batch with no unreachable rows. */
    public Batch(
        List<E> events, String nextPosition, Collection<String> nextDoneIds, boolean caughtUp) {
      this(events, nextPosition, nextDoneIds, caughtUp, Map.of());
    }
  }
}
