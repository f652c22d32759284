package io.eventsync.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles the events of a poller configured under {@code
 * eventsync.pollers.<stream>}. The method takes one {@code QueueEvent} (source queue) or {@code
 * LogEvent} (source eventlog), or a {@code List} of them to handle a batch at once. Returning
 * normally marks the event(s) handled; throwing has the poller retry and then apply its failure
 * policy. The poller starts once the context is refreshed and stops gracefully with it.
 *
 * <pre>{@code
 * @EventSyncListener(stream = "orders")
 * void onOrder(QueueEvent event) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventSyncListener {
  /** The poller's name: the {@code <stream>} of {@code eventsync.pollers.<stream>}. */
  String stream();
}
