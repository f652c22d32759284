package io.eventsync.webhooks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of a request's headers with case-insensitive lookup, over either a {@code
 * Map<String, String>} or a {@code Map<String, List<String>>} (as given by the JDK {@code
 * HttpServer}, {@code java.net.http}, Spring's {@code HttpHeaders} and most frameworks).
 *
 * <p>Lookups never fail, whatever the map holds: null keys, null values, null lists and values of
 * the wrong type (through raw types) are skipped. The view reads the map on each lookup; it is as
 * thread-safe as the map it wraps.
 */
public final class WebhookHeaders {
  private static final WebhookHeaders EMPTY = new WebhookHeaders(Collections.emptyMap(), false);

  private final Map<?, ?> map;
  private final boolean multi;

  private WebhookHeaders(Map<?, ?> map, boolean multi) {
    this.map = map;
    this.multi = multi;
  }

  /** Returns a view of single-valued headers; a null map has no headers. */
  public static WebhookHeaders of(@Nullable Map<String, String> headers) {
    return headers == null ? EMPTY : new WebhookHeaders(headers, false);
  }

  /** Returns a view of multi-valued headers; a null map has no headers. */
  public static WebhookHeaders ofMulti(
      @Nullable Map<String, ? extends Collection<String>> headers) {
    return headers == null ? EMPTY : new WebhookHeaders(headers, true);
  }

  /**
   * Returns every value of the header {@code name}, compared ignoring case, in map order; empty if
   * absent or if the map could not be read.
   */
  public List<String> values(String name) {
    try {
      List<String> values = lookup(name, Integer.MAX_VALUE);
      return values == null ? List.of() : values; // null only past the limit: never here
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Returns the values of {@code name}, or null if there are more than {@code limit}. May throw
   * whatever the underlying map throws while being read.
   */
  @Nullable List<String> lookup(String name, int limit) {
    List<String> values = null;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry == null) {
        continue;
      }
      Object key = entry.getKey();
      if (!(key instanceof String) || !((String) key).equalsIgnoreCase(name)) {
        continue;
      }
      Object value = entry.getValue();
      if (values == null) {
        values = new ArrayList<>(2);
      }
      if (multi && value instanceof Collection) {
        for (Object element : (Collection<?>) value) {
          if (element instanceof String) {
            values.add((String) element);
          }
          if (values.size() > limit) {
            return null;
          }
        }
      } else if (value instanceof String) {
        values.add((String) value);
      }
      if (values.size() > limit) {
        return null;
      }
    }
    return values == null ? List.of() : values;
  }

  /** Returns the header names only; values may be secret-bearing and are never shown. */
  @Override
  public String toString() {
    try {
      return "WebhookHeaders" + map.keySet();
    } catch (RuntimeException e) {
      return "WebhookHeaders[unreadable]";
    }
  }
}
