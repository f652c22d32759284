package io.eventsync.poll;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
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
  private static final Checkpoint INITIAL = new Checkpoint(null, Set.of(), 0);

  private final String position;
  private final Set<String> doneIds;
  private final long version;

  private Checkpoint(String position, Set<String> doneIds, long version) {
    this.position = position;
    this.doneIds = doneIds;
    this.version = version;
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
    return new Checkpoint(
        position, Collections.unmodifiableSet(new LinkedHashSet<>(doneIds)), version);
  }

  /** Returns the position to read from, or null for the beginning of the stream. */
  public String position() {
    return position;
  }

  /** Returns the ids handled since {@link #position()}, in handling order. */
  public Set<String> doneIds() {
    return doneIds;
  }

  /** Returns the version the store holds this checkpoint under (0 if never committed). */
  public long version() {
    return version;
  }

  /** Returns true if the event with {@code id} was handled since the position. */
  public boolean isDone(String id) {
    return doneIds.contains(id);
  }

  /** Returns this checkpoint with {@code id} handled too (same position and version). */
  public Checkpoint withDone(String id) {
    Objects.requireNonNull(id, "id == null");
    if (doneIds.contains(id)) {
      return this;
    }
    Set<String> ids = new LinkedHashSet<>(doneIds);
    ids.add(id);
    return new Checkpoint(position, Collections.unmodifiableSet(ids), version);
  }

  /**
   * Returns a checkpoint at {@code position} with {@code doneIds} handled since (same version, to
   * be committed over this one).
   */
  public Checkpoint advance(String position, Collection<String> doneIds) {
    Objects.requireNonNull(doneIds, "doneIds == null");
    return new Checkpoint(
        position, Collections.unmodifiableSet(new LinkedHashSet<>(doneIds)), version);
  }

  /** Returns this checkpoint as stored under {@code version}. */
  public Checkpoint withVersion(long version) {
    return new Checkpoint(position, doneIds, version);
  }

  /** Returns true if position and done ids are equal, whatever the versions. */
  public boolean samePlace(Checkpoint other) {
    return Objects.equals(position, other.position) && doneIds.equals(other.doneIds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint
        && ((Checkpoint) o).version == version
        && samePlace((Checkpoint) o);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, doneIds, version);
  }

  @Override
  public String toString() {
    return "Checkpoint{position="
        + position
        + ", done="
        + doneIds.size()
        + (doneIds.size() <= 3 ? " " + doneIds : "")
        + ", version="
        + version
        + '}';
  }
}
