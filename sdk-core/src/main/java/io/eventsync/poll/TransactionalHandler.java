package io.eventsync.poll;

import java.sql.Connection;

/**
 * Handles one event inside the transaction that also commits the checkpoint, so the handler's
 * writes and the record that the event was handled happen together or not at all: exactly-once
 * effects across crashes and redeliveries. Needs a {@link TransactionalCursorStore} (see {@code
 * io.eventsync.jdbc.JdbcCursorStore}).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface TransactionalHandler<E> {
  /**
   * Applies {@code event} using {@code connection}; do not commit, roll back or close it.
   *
   * @throws Exception to roll back the transaction; the event is retried, then failed per policy
   */
  void handle(E event, Connection connection) throws Exception;
}
