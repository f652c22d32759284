/**
 * The Tiki event queue: {@link io.eventsync.queue.EventQueueApi}, typed events and payloads, and
 * the queue's poller source.
 */
@NullMarked
package io.eventsync.queue;

import org.jspecify.annotations.NullMarked;
