package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterates the events log page by page, holding one page in memory, and ends at the first page that
 * is not full. {@link #checkpoint()} is the position after the last row returned: pass it to {@link
 * EventLogQuery#from(Checkpoint)} to resume later without repeating or skipping a row. Not
 * thread-safe.
 */
public final class EventLogIterator implements Iterator<LogEvent> {
  private final Pager pager;
  private final EventLogQuery query;
  private Checkpoint checkpoint;
  private java.time.Instant watermark;
  private Iterator<LogEvent> page = java.util.Collections.emptyIterator();
  private boolean last;
  private long unreachable;
  private LogEvent next;

  EventLogIterator(EventLogApi api, EventLogQuery query) {
    this.pager = new Pager(api, query);
    this.query = query;
    this.checkpoint = query.start();
    this.watermark = Pager.watermark(checkpoint);
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (page.hasNext()) {
        LogEvent row = page.next();
        checkpoint = Pager.advance(checkpoint, watermark, row);
        if (watermark == null || row.createdAt().isAfter(watermark)) {
          watermark = row.createdAt();
        }
        if (query.eventTypes().isEmpty() || query.eventTypes().contains(row.eventType())) {
          next = row;
        }
      } else if (last) {
        return false;
      } else {
        Pager.Page fetched = pager.next(checkpoint);
        unreachable += fetched.unreachable().size();
        page = fetched.fresh().iterator();
        last = !fetched.full();
      }
    }
    return true;
  }

  @Override
  public LogEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LogEvent row = next;
    next = null;
    return row;
  }

  /** Returns the position after the last row returned (or skipped by the type filter). */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** Returns how many rows without {@code createdAt} were met: unreachable by any cursor. */
  public long unreachableCount() {
    return unreachable;
  }
}
