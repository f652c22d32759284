package io.eventsync.poll;

import java.sql.Connection;

/** A {@link CursorStore} that can commit a checkpoint in the same transaction as other work. */
public interface TransactionalCursorStore extends CursorStore {
  /** Work to run inside the checkpoint's transaction. */
  @FunctionalInterface
  interface Work {
    /**
     * Runs in the transaction.
     *
     * @throws Exception to roll the transaction back
     */
    void run(Connection connection) throws Exception;
  }

  /**
   * Runs {@code work} and commits {@code checkpoint} (compare-and-set on its version, fenced by
   * {@code fencingToken}) in one transaction; rolls back both if either fails.
   *
   * @return the committed checkpoint with its new version
   * @throws CheckpointConflictException if another writer moved the cursor (nothing is committed)
   * @throws Exception whatever {@code work} threw (nothing is committed)
   */
  Checkpoint commitWith(String stream, Checkpoint checkpoint, long fencingToken, Work work)
      throws Exception;
}
