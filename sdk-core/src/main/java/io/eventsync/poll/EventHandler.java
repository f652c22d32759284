package io.eventsync.poll;

/**
 * Handles one event. Called once per event, in order (per ordering key with concurrency), never for
 * an event already recorded as handled in the checkpoint.
 *
 * <p>Return normally only when the event's effects are done: the checkpoint then records it, and it
 * is not handed over again (with {@link CommitEvery#BATCH}, a crash before the batch is committed
 * hands over the batch's events again; with {@link CommitEvery#EVENT} only the one in flight).
 * Throw to have it retried per the poller's retry policy and then failed per its {@link
 * FailurePolicy}.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E> {
  /**
   * Handles {@code event}.
   *
   * @throws Exception if it could not be handled; it is retried, then dead-lettered or halted on
   */
  void handle(E event) throws Exception;
}
