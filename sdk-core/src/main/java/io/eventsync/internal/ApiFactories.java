package io.eventsync.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the public API classes ({@code EventQueueApi}, {@code CollectorApi}, ...), whose
 * constructors are not public: each class registers its factory here from its static initializer,
 * and {@link #create} initializes the class first, so the factory is there when asked for.
 */
public final class ApiFactories {
  /**
   * Creates one API class.
   *
   * @param <T> the API class
   */
  @FunctionalInterface
  public interface Factory<T> {
    /**
     * Returns an instance.
     *
     * @param context the client's context for the API
     * @param scope what the API is scoped to: the collector's tenant id; null for the others
     */
    T create(ApiContext context, String scope);
  }

  private static final Map<Class<?>, Factory<?>> FACTORIES = new ConcurrentHashMap<>();

  private ApiFactories() {}

  /**
   * Registers the factory of {@code type}; called by {@code type}'s static initializer.
   *
   * @throws IllegalStateException if one is registered already
   */
  public static <T> void register(Class<T> type, Factory<T> factory) {
    Objects.requireNonNull(factory, "factory == null");
    if (FACTORIES.putIfAbsent(type, factory) != null) {
      throw new IllegalStateException("a factory for " + type.getName() + " is registered already");
    }
  }

  /** Returns a new {@code type} for {@code context} (and {@code scope}, see {@link Factory}). */
  public static <T> T create(Class<T> type, ApiContext context, String scope) {
    Factory<?> factory = FACTORIES.get(type);
    if (factory == null) {
      initialize(type);
      factory = FACTORIES.get(type);
      if (factory == null) {
        throw new IllegalStateException(type.getName() + " registers no factory");
      }
    }
    return type.cast(factory.create(context, scope));
  }

  private static void initialize(Class<?> type) {
    try {
      Class.forName(type.getName(), true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e); // cannot happen: the class is loaded already
    }
  }
}
