package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tie-safe {@code createdAt} paging: the cursor is a watermark and every id seen at it. A page
 * is {@code createdAt gte watermark}, ascending; every seen id is dropped (not just one row of
 * overlap).
 *
 * <p>The rows seen at the watermark come back at the head of every page until the watermark moves,
 * so a page only makes progress if it is larger than their number: with {@code n} ids seen and a
 * page size of {@code L}, the page asks for {@code L} rows while {@code n < L} and for {@code n +
 * L} otherwise, which always holds at least one row not seen yet if there is one. A full page that
 * still brings nothing new (a server that ignores the filter or the order) is fetched again at
 * double the size. Past {@link EventLogQuery#MAX_TIED_ROWS} rows on one {@code createdAt}, or when
 * the widest page brings nothing new, reading fails with {@link EventLogCursorStuckException}
 * instead of looping or skipping rows.
 */
final class Pager {
  private static final String NO_CREATED_AT =
      "createdAt is null: no createdAt cursor can reach this row";

  private final EventLogApi api;
  private final EventLogQuery query;

  Pager(EventLogApi api, EventLogQuery query) {
    this.api = api;
    this.query = query;
  }

  /**
   * A fetched page.
   *
   * @param fresh rows not seen before, in order, with a createdAt (may be empty while the cursor
   *     still moves over rows handled before a restart)
   * @param unreachable ids of rows without createdAt
   * @param after the checkpoint once every fresh row is handled
   * @param full true if the page was full (more rows may follow)
   */
  record Page(
      List<LogEvent> fresh, Map<String, String> unreachable, Checkpoint after, boolean full) {}

  Page next(Checkpoint at) {
    Instant watermark = watermark(at);
    int seen = at.doneIds().size();
    if (seen > EventLogQuery.MAX_TIED_ROWS) {
      throw new EventLogCursorStuckException(watermark, EventLogQuery.MAX_TIED_ROWS);
    }
    int widest = EventLogQuery.MAX_TIED_ROWS + query.limit();
    int limit = seen < query.limit() ? query.limit() : seen + query.limit();
    while (true) {
      int asked = limit;
      Reader page =
          api.list(query, watermark, asked, () -> new Reader(at, watermark, query.limit(), asked));
      boolean full = page.rows >= limit;
      if (full && page.fresh.isEmpty() && page.lastFrom < 0) { // nothing new, nor a later row
        if (limit >= widest) {
          throw new EventLogCursorStuckException(watermark, EventLogQuery.MAX_TIED_ROWS);
        }
        limit = (int) Math.min(2L * limit, widest);
        continue;
      }
      return new Page(page.fresh, page.unreachable, page.after(), full);
    }
  }

  /**
   * Sorts the rows of one page as they are decoded: rows without createdAt are unreachable, rows
   * before the watermark are passed over (a server that ignored the filter: the cursor never moves
   * back), rows seen at the watermark are dropped. Remembers the ids of the rows since the newest
   * createdAt, which the checkpoint after the page records.
   */
  static final class Reader extends PageDecoder {
    final Checkpoint at;
    final Set<String> done; // a resumed poller's may hold rows after the watermark too
    final @Nullable Instant watermark;
    final List<LogEvent> fresh;
    final Map<String, String> unreachable = new LinkedHashMap<>();
    final List<String> ids; // the rows at or after the watermark, in order, but those seen at it
    @Nullable Instant last; // the newest createdAt so far (the watermark at first)
    int lastFrom; // where the rows at {@code last} begin in {@code ids}, or -1 if at the watermark
    final int limit;
    int rows;

    Reader(Checkpoint at, @Nullable Instant watermark, int pageSize, int limit) {
      this.at = at;
      this.limit = limit;
      this.done = at.doneIds();
      this.watermark = watermark;
      this.last = watermark;
      this.lastFrom = -1;
      this.fresh = new ArrayList<>(pageSize);
      this.ids = new ArrayList<>(pageSize);
    }

    @Override
    void row(LogEvent row) {
      if (++rows > limit) {
        return; // more rows than asked for: the next page has them, memory stays one page
      }
      Instant createdAt = row.createdAt();
      if (createdAt == null) {
        unreachable.put(row.id(), NO_CREATED_AT);
        return;
      }
      if (watermark != null && createdAt.isBefore(watermark)) {
        return; // the server ignored the filter or the order; never move the cursor back
      }
      if (last == null || createdAt.isAfter(last)) {
        last = createdAt;
        lastFrom = ids.size();
      }
      if (done.isEmpty() || !done.contains(row.id())) {
        fresh.add(row);
        ids.add(row.id());
      } else if (lastFrom >= 0) {
        ids.add(row.id()); // seen, yet after a later row: the new watermark's ids keep it
      } // else seen at the watermark: the checkpoint has its id already
    }

    /** Returns the checkpoint after the page: the newest createdAt and the ids seen at it. */
    Checkpoint after() {
      if (lastFrom < 0) {
        if (fresh.isEmpty()) {
          return at;
        }
        Set<String> all = new LinkedHashSet<>(done);
        all.addAll(ids);
        return at.advance(at.position(), all);
      }
      return at.advance(last.toString(), ids.subList(lastFrom, ids.size()));
    }
  }

  /** Returns {@code at} moved over {@code row}: a later createdAt starts a new watermark. */
  static Checkpoint advance(Checkpoint at, @Nullable Instant watermark, LogEvent row) {
    if (watermark == null || row.createdAt().isAfter(watermark)) {
      return at.advance(row.createdAt().toString(), List.of(row.id()));
    }
    return at.withDone(row.id()); // same watermark: O(1), the ids are shared along the page
  }

  /** Returns the watermark of {@code at} as an instant, or null at the beginning. */
  static @Nullable Instant watermark(Checkpoint at) {
    return at.position() == null ? null : Instant.parse(at.position());
  }

  /** The decoder of a raw page: every row, in order. */
  static final class Collector extends PageDecoder {
    final List<LogEvent> rows = new ArrayList<>();

    @Override
    void row(LogEvent row) {
      rows.add(row);
    }
  }
}
