package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tie-safe {@code createdAt} paging: the cursor is a watermark and every id seen at it. A page
 * is {@code createdAt gte watermark}, ascending; every seen id is dropped (not just one row of
 * overlap). A full page that cannot advance is fetched again wider, doubling up to {@link
 * EventLogQuery#MAX_LIMIT}; beyond that it fails instead of looping.
 */
final class Pager {
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
    int limit = query.limit();
    while (true) {
      List<LogEvent> rows = api.list(query, watermark, limit);
      List<LogEvent> fresh = new ArrayList<>(rows.size());
      Map<String, String> unreachable = new LinkedHashMap<>();
      Checkpoint after = at;
      Instant afterWatermark = watermark;
      for (LogEvent row : rows) {
        if (row.createdAt() == null) {
          unreachable.put(row.id(), "createdAt is null: no createdAt cursor can reach this row");
          continue;
        }
        if (watermark != null && row.createdAt().isBefore(watermark)) {
          continue; // the server ignored the filter or the order; never move the cursor back
        }
        after = advance(after, afterWatermark, row); // done rows too: the ids at the watermark stay
        if (afterWatermark == null || row.createdAt().isAfter(afterWatermark)) {
          afterWatermark = row.createdAt();
        }
        if (!at.isDone(row.id())) {
          fresh.add(row);
        }
      }
      boolean full = rows.size() >= limit;
      if (full && after.samePlace(at)) {
        if (limit >= EventLogQuery.MAX_LIMIT) {
          throw new EventLogCursorStuckException(watermark, limit);
        }
        limit = Math.min(limit * 2, EventLogQuery.MAX_LIMIT); // every row is at the watermark
        continue;
      }
      return new Page(fresh, unreachable, after, full);
    }
  }

  /** Returns {@code at} moved over {@code row}: a later createdAt starts a new watermark. */
  static Checkpoint advance(Checkpoint at, Instant watermark, LogEvent row) {
    if (watermark == null || row.createdAt().isAfter(watermark)) {
      return at.advance(row.createdAt().toString(), List.of(row.id()));
    }
    return at.withDone(row.id()); // same watermark: O(1), the ids are shared along the page
  }

  /** Returns the watermark of {@code at} as an instant, or null at the beginning. */
  static Instant watermark(Checkpoint at) {
    return at.position() == null ? null : Instant.parse(at.position());
  }
}
