/**
 * Pollers that turn at-least-once feeds into events handled in order, duplicates skipped and
 * nothing lost: {@link io.eventsync.poll.Poller}, {@link io.eventsync.poll.CursorStore}, {@link
 * io.eventsync.poll.Checkpoint}, {@link io.eventsync.poll.FailurePolicy} and dead letters.
 *
 * <p>How the poller is built (package-private parts, each owning its state and lock): {@code
 * PollerEngine} is the public {@code Poller}; it only wires the parts and closes them in order.
 * {@code PollerLifecycle} holds the state, the first halt, the stop request, the pauses and the
 * file cursor's lock. {@code FetchLoop} pulls the next batch after the handled position, reads each
 * event's id, type, time and ordering key once into a {@code PolledEvent}, skips what is done, and
 * decides the waits (idle, error backoff, {@code Retry-After}, reported by {@code
 * FetchFailureReporter}); its {@code step()} returns the wait instead of sleeping it. {@code
 * Dispatcher} hands the events over in order, concurrently per key on the shared {@code
 * io.eventsync.internal.KeyedSequentialExecutor}, or as one batch, and counts them in a {@code
 * BatchOutcome}. {@code HandlerInvoker} calls the handler with retries and decides between a dead
 * letter and a halt. {@code Committer} keeps the handled and committed checkpoints, commits
 * (overlapped with the next fetch where it may) and fences with the lease's epoch. {@code Replayer}
 * replays dead letters past the {@code StaleGuard}. The listener is called only through {@code
 * ListenerCalls}, which logs and ignores what a listener throws.
 *
 * <p>A {@link io.eventsync.poll.PollerGroup} runs many pollers on {@code GroupThreads} (a bounded
 * pool of workers and one timer): instead of a thread per poller, a {@code ScheduledLoop} per
 * poller runs one {@code FetchLoop.step()} per turn and schedules the wait that step returns. A
 * handler's retry in a group is put off the same way: the {@code HandlerInvoker} returns the
 * backoff instead of sleeping it, and the {@code FetchLoop} goes on with the rest of that batch at
 * the next turn.
 */
@NullMarked
package io.eventsync.poll;

import org.jspecify.annotations.NullMarked;
