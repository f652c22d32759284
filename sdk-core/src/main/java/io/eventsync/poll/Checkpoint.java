package io.eventsync.poll;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stream's resumable position: where to read next ({@link #position()}, for example a queue's ack
 * id or an events log's {@code createdAt} watermark) and the ids of the events already handled
 * since that position ({@link #doneIds()}), which are skipped when delivered again.
 *
 * <p>{@link #version()} is the version the {@link CursorStore} holds; a commit succeeds only if the
 * store still holds that version, so two writers cannot both move one cursor. Immutable.
 */
public final class Checkpoint {
  private static final Checkpoint INITIAL = new Checkpoint(null, new IdLog(), 0, 0);

  private final String position;
  private final IdLog log; // shared by a batch's successive checkpoints; only ever appended to
  private final int size; // this checkpoint's done ids are the log's first {@code size}
  private final long version;
  private volatile Set<String> doneIds; // built on first use

  private Checkpoint(String position, IdLog log, int size, long version) {
    this.position = position;
    this.log = log;
    this.size = size;
    this.version = version;
  }

  /**
   * The done ids of a chain of checkpoints: {@link #withDone} appends in place when called on the
   * newest checkpoint of the chain, so handling a batch of n events costs O(n), not O(n²).
   */
  private static final class IdLog {
    final ArrayList<String> ids;
    final HashMap<String, Integer> index;

    IdLog() {
      ids = new ArrayList<>();
      index = new HashMap<>();
    }

    /**
     * A log of {@code doneIds}, sized for as many again: a poller appends the next batch's ids to
     * the log of the position it advanced to, and growing the map as it goes cost a rehash per
     * doubling.
     */
    IdLog(Collection<String> doneIds) {
      int expected = 2 * doneIds.size();
      ids = new ArrayList<>(expected);
      index = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
      for (String id : doneIds) {
        Objects.requireNonNull(id, "doneIds contains null");
        if (index.putIfAbsent(id, ids.size()) == null) {
          ids.add(id);
        }
      }
    }
  }

  /** Returns the checkpoint of a stream never read: no position, nothing done, version 0. */
  public static Checkpoint initial() {
    return INITIAL;
  }

  /**
   * Returns a checkpoint as a store loaded it.
   *
   * @param position the position, or null for the beginning
   * @param doneIds ids handled since the position, in handling order
   * @param version the stored version
   * @throws IllegalArgumentException if {@code version} is negative
   */
  public static Checkpoint of(String position, Collection<String> doneIds, long version) {
    Objects.requireNonNull(doneIds, "doneIds == null");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative but was " + version);
    }
    IdLog log = new IdLog(doneIds);
    return new Checkpoint(position, log, log.ids.size(), version);
  }

  /** Returns the position to read from, or null for the beginning of the stream. */
  public String position() {
    return position;
  }

  /** Returns the ids handled since {@link #position()}, in handling order. */
  public Set<String> doneIds() {
    Set<String> ids = doneIds;
    if (ids == null) {
      synchronized (log) {
        ids = Collections.unmodifiableSet(new LinkedHashSet<>(log.ids.subList(0, size)));
      }
      doneIds = ids;
    }
    return ids;
  }

  /**
   * Returns the ids handled since {@link #position()}, in handling order, as a fresh array: what a
   * store writes, without building the set of {@link #doneIds()}.
   */
  String[] doneIdArray() {
    synchronized (log) {
      return log.ids.subList(0, size).toArray(new String[0]);
    }
  }

  /** Returns the version the store holds this checkpoint under (0 if never committed). */
  public long version() {
    return version;
  }

  /** Returns true if the event with {@code id} was handled since the position. */
  public boolean isDone(String id) {
    if (size == 0) {
      return false; // nothing done: no lookup (a fresh checkpoint, or the stream's start)
    }
    synchronized (log) {
      Integer at = log.index.get(id);
      return at != null && at < size;
    }
  }

  /** Returns this checkpoint with {@code id} handled too (same position and version). */
  public Checkpoint withDone(String id) {
    Objects.requireNonNull(id, "id == null");
    synchronized (log) {
      Integer at = log.index.get(id);
      if (at != null && at < size) {
        return this;
      }
      if (at == null && size == log.ids.size()) { // the newest of its chain: append in place
        log.index.put(id, size);
        log.ids.add(id);
        return new Checkpoint(position, log, size + 1, version);
      }
      List<String> ids = new ArrayList<>(log.ids.subList(0, size));
      ids.add(id);
      IdLog copy = new IdLog(ids);
      return new Checkpoint(position, copy, copy.ids.size(), version);
    }
  }

  /**
   * Returns a checkpoint at {@code position} with {@code doneIds} handled since (same version, to
   * be committed over this one).
   */
  public Checkpoint advance(String position, Collection<String> doneIds) {
    Objects.requireNonNull(doneIds, "doneIds == null");
    IdLog log = new IdLog(doneIds);
    return new Checkpoint(position, log, log.ids.size(), version);
  }

  /** Returns this checkpoint as stored under {@code version}. */
  public Checkpoint withVersion(long version) {
    return new Checkpoint(position, log, size, version);
  }

  /** Returns true if position and done ids are equal, whatever the versions. */
  public boolean samePlace(Checkpoint other) {
    if (other == this || (other.log == log && other.size == size)) {
      return Objects.equals(position, other.position);
    }
    return Objects.equals(position, other.position) && doneIds().equals(other.doneIds());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint
        && ((Checkpoint) o).version == version
        && samePlace((Checkpoint) o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, doneIds(), version);
  }

  @Override
  public String toString() {
    return "Checkpoint{position="
        + position
        + ", done="
        + size
        + (size <= 3 ? " " + doneIds() : "")
        + ", version="
        + version
        + '}';
  }
}
