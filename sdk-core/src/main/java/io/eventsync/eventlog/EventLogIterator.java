package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Iterates the events log page by page, holding one page in memory, and ends at the first page that
 * is not full. {@link #checkpoint()} is the position after the last row returned: pass it to {@link
 * EventLogQuery#from(Checkpoint)} to resume later without repeating or skipping a row. Not
 * thread-safe.
 */
public final class EventLogIterator implements Iterator<LogEvent> {
  private final Pager pager;
  private final EventLogQuery query;
  private Checkpoint before; // the position before the current page
  private Pager.@Nullable Page page; // null before the first page
  private int passed; // rows of the page handed out or skipped by the type filter
  private boolean last;
  private long unreachable;
  private @Nullable LogEvent next; // the row hasNext() found, not yet returned (it is in passed)

  // checkpoint() mid-page, built on demand and extended from where the last call left it
  private @Nullable Checkpoint built;
  private int builtRows;
  private @Nullable Instant builtWatermark;

  EventLogIterator(EventLogApi api, EventLogQuery query) {
    this.pager = new Pager(api, query);
    this.query = query;
    this.before = query.start();
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (page != null && passed < page.fresh().size()) {
        LogEvent row = page.fresh().get(passed++);
        if (query.eventTypes().isEmpty() || query.eventTypes().contains(row.eventType())) {
          next = row;
        }
      } else if (last) {
        return false;
      } else {
        if (page != null) {
          before = page.after();
        }
        page = pager.next(before);
        passed = 0;
        built = null;
        unreachable += page.unreachable().size();
        last = !page.full();
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

  /**
   * Returns the position after the last row returned (and the rows before it that the type filter
   * skipped; a row {@link #hasNext()} found but {@link #next()} did not return yet is not covered).
   */
  public Checkpoint checkpoint() {
    if (page == null) {
      return before;
    }
    List<LogEvent> rows = page.fresh();
    int covered = next == null ? passed : passed - 1;
    if (covered == rows.size()) {
      return page.after(); // computed once per page by the pager
    }
    if (covered == 0) {
      return before;
    }
    if (built == null || builtRows > covered) {
      built = before;
      builtRows = 0;
      builtWatermark = Pager.watermark(before);
    }
    for (; builtRows < covered; builtRows++) { // each row once however often this is called
      LogEvent row = rows.get(builtRows);
      built = Pager.advance(built, builtWatermark, row);
      if (builtWatermark == null || row.createdAt().isAfter(builtWatermark)) {
        builtWatermark = row.createdAt();
      }
    }
    return built;
  }

  /** Returns how many rows without {@code createdAt} were met: unreachable by any cursor. */
  public long unreachableCount() {
    return unreachable;
  }
}
