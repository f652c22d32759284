package io.eventsync.eventlog;

import io.eventsync.EventSyncException;
import java.time.Instant;

/**
 * More rows share one {@code createdAt} than the largest page can hold, so a {@code createdAt}
 * cursor cannot move past them. Reading stops here instead of looping or skipping rows.
 */
public class EventLogCursorStuckException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final Instant createdAt;

  /** Creates the exception for rows sharing {@code createdAt}. */
  public EventLogCursorStuckException(Instant createdAt, int limit) {
    super(
        "more than "
            + limit
            + " rows of the events log share createdAt "
            + createdAt
            + ", the largest page the API serves; the cursor cannot advance past them without"
            + " skipping rows, so reading stopped. Ask the API provider to split the batch or"
            + " support a secondary sort key");
    this.createdAt = createdAt;
  }

  /** Returns the {@code createdAt} the rows share. */
  public Instant createdAt() {
    return createdAt;
  }
}
