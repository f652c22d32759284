package io.eventsync.orders;

import io.eventsync.EventSyncException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CustomerOrderPublisher} run stopped before the end of its input: an order still failed
 * and there is no dead-letter sink, the credentials were refused (HTTP 401 or 403), the sink or the
 * checkpoint store failed, the input failed, or the thread was interrupted. Orders in flight were
 * finished and the checkpoint committed, so a new run with the same input resumes after the orders
 * confirmed so far. The cause says what went wrong.
 */
public class PublishHaltedException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final transient PublishStats stats;

  /** Creates the exception. */
  public PublishHaltedException(String message, @Nullable Throwable cause, PublishStats stats) {
    super(message, cause);
    this.stats = stats;
  }

  /** Returns the counts when the run stopped. */
  public PublishStats stats() {
    return stats;
  }
}
