package io.eventsync.spring;

import io.eventsync.poll.TransactionalHandler;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a listener method inside the transaction of a {@code JdbcCursorStore} on the application's
 * {@link DataSource}, exposed to Spring as that DataSource's current transaction: {@code
 * JdbcTemplate} (or anything using {@code DataSourceUtils}) in the listener writes on the same
 * connection, and a {@code @Transactional} method of a {@code DataSourceTransactionManager} joins
 * it (propagation REQUIRED) instead of committing on its own. The checkpoint is written on that
 * connection too and the store commits both at once, or neither. JPA does not join (its
 * EntityManager is bound to its own transaction manager).
 */
final class SpringTransactions {
  private SpringTransactions() {}

  static <E> TransactionalHandler<E> joined(DataSource dataSource, ListenerMethods.Target target) {
    return (event, connection) -> {
      if (TransactionSynchronizationManager.hasResource(dataSource)) {
        throw new IllegalStateException(
            "a transaction of the DataSource is already bound to the poller's thread");
      }
      ConnectionHolder holder = new ConnectionHolder(connection, true);
      holder.setSynchronizedWithTransaction(true);
      boolean wasActive = TransactionSynchronizationManager.isActualTransactionActive();
      TransactionSynchronizationManager.bindResource(dataSource, holder);
      TransactionSynchronizationManager.setActualTransactionActive(true);
      try {
        target.invoke(event);
        if (holder.isRollbackOnly()) {
          throw new IllegalStateException(
              "the listener's transaction was marked rollback-only (a @Transactional method it"
                  + " called failed); the event's writes and its checkpoint are rolled back");
        }
      } finally {
        TransactionSynchronizationManager.setActualTransactionActive(wasActive);
        TransactionSynchronizationManager.unbindResource(dataSource);
      }
    };
  }
}
