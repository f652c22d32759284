package io.eventsync.internal;

import io.eventsync.OpenValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The constants of one {@link OpenValue} type and the lookup from a wire value to a constant or an
 * unknown value that keeps the raw string. A type declares its registry first, then registers each
 * documented constant with {@link #known}; registration happens during class initialization, so
 * later reads need no lock.
 *
 * @param <T> the open-value type
 */
public final class OpenValues<T extends OpenValue> {
  private final String field;
  private final BiFunction<String, Boolean, T> factory;
  private final Map<String, T> byValue = new HashMap<>();
  private final List<T> known = new ArrayList<>();

  /**
   * Creates an empty registry.
   *
   * @param field the wire field, named in the error for a blank value
   * @param factory the type's constructor: {@code (value, known) -> instance}
   */
  public OpenValues(String field, BiFunction<String, Boolean, T> factory) {
    this.field = Objects.requireNonNull(field, "field == null");
    this.factory = Objects.requireNonNull(factory, "factory == null");
  }

  /** Creates and registers a documented constant; call only from the type's static initializer. */
  public T known(String value) {
    T constant = factory.apply(value, true);
    if (byValue.putIfAbsent(value, constant) != null) {
      throw new IllegalStateException("duplicate constant " + value);
    }
    known.add(constant);
    return constant;
  }

  /**
   * Returns the constant with this wire value, or an unknown value that keeps it.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public T of(String value) {
    Objects.requireNonNull(value, "value == null"); // the parameter of every type's of(value)
    T constant = byValue.get(value);
    if (constant != null) {
      return constant;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    return factory.apply(value, false);
  }

  /** Returns the documented constants in declaration order. */
  public List<T> knownValues() {
    return List.copyOf(known);
  }
}
