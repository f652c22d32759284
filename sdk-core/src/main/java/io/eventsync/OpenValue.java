package io.eventsync;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A server-defined value from a set that grows over time (event types, statuses). Known values are
 * constants of the subclass; any other value decodes to an instance that keeps the raw string and
 * answers false to {@link #isKnown()}, so new server values never fail decoding.
 *
 * <p>Instances are immutable; two instances with the same value are equal.
 */
public abstract class OpenValue {
  private final String value;
  private final boolean known;

  /**
   * Creates a value.
   *
   * @param value the wire value
   * @param known true for the subclass's constants
   */
  protected OpenValue(String value, boolean known) {
    this.value = Objects.requireNonNull(value, "value == null");
    this.known = known;
  }

  /** Returns the value as it appears on the wire. */
  public final String value() {
    return value;
  }

  /** Returns true if this is one of the documented values this SDK version knows. */
  public final boolean isKnown() {
    return known;
  }

  @Override
  public final boolean equals(@Nullable Object other) {
    return other != null
        && other.getClass() == getClass()
        && ((OpenValue) other).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  /** Returns the wire value. */
  @Override
  public final String toString() {
    return value;
  }
}
