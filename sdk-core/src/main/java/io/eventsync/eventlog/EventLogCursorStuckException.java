package io.eventsync.eventlog;

import io.eventsync.EventSyncException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * More rows share one {@code createdAt} than a cursor reads past ({@link
 * EventLogQuery#MAX_TIED_ROWS}), or the widest page brought no row not seen before, so a {@code
 * createdAt} cursor cannot move on. Reading stops here instead of looping or skipping rows; every
 * row read before was delivered once.
 */
public class EventLogCursorStuckException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant createdAt;

  /**
   * Creates the exception for more than {@code limit} rows sharing {@code createdAt}.
   *
   * @param createdAt the timestamp the rows share, where the cursor stopped; null if the cursor was
   *     still at the beginning of the log
   * @param limit how many rows sharing one createdAt a cursor reads past
   */
  public EventLogCursorStuckException(@Nullable Instant createdAt, int limit) {
    super(
        "more than "
            + limit
            + " rows of the events log share createdAt "
            + createdAt
            + ", or the server does not filter and order by createdAt as asked; the cursor cannot"
            + " advance past them without skipping rows, so reading stopped after delivering every"
            + " row before. Ask the API provider to split the batch or support a secondary sort"
            + " key");
    this.createdAt = createdAt;
  }

  /**
   * Returns the {@code createdAt} the rows share, or null if the cursor was still at the beginning
   * of the log.
   */
  public @Nullable Instant createdAt() {
    return createdAt;
  }
}
