package io.eventsync.poll;

import java.util.List;

/**
 * Handles the not-yet-handled events of one fetched batch at once (bulk writes). If it throws, the
 * whole batch is retried; once retries are exhausted, every event of the batch is dead-lettered or
 * the poller halts before the batch, per the {@link FailurePolicy}.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface BatchHandler<E> {
  /**
   * Handles {@code events}, in order.
   *
   * @throws Exception if they could not be handled
   */
  void handle(List<? extends E> events) throws Exception;
}
