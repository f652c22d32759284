/**
 * Pollers that turn at-least-once feeds into events handled in order, duplicates skipped and
 * nothing lost: {@link io.eventsync.poll.Poller}, {@link io.eventsync.poll.CursorStore}, {@link
 * io.eventsync.poll.Checkpoint}, {@link io.eventsync.poll.FailurePolicy} and dead letters.
 */
package io.eventsync.poll;
