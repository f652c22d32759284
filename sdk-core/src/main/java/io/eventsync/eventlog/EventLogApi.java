package io.eventsync.eventlog;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.EventSyncClient;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiFactories;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.Json;
import io.eventsync.poll.PollerBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/**
 * The Puro.earth append-only events log ({@code GET /saleschannel-services/v1/events}), paged by
 * {@code createdAt}.
 *
 * <p>Paging is tie-safe: the cursor is a {@code createdAt} watermark plus every id seen at it, so
 * rows that share a timestamp are neither lost nor repeated. While rows seen at the watermark share
 * it, pages are widened by their number so that each still brings new rows; past {@link
 * EventLogQuery#MAX_TIED_ROWS} rows on one timestamp the read fails with {@link
 * EventLogCursorStuckException} naming it. Obtain an instance from {@link
 * EventSyncClient#eventLog()}; immutable and thread-safe.
 */
public final class EventLogApi {
  static final JsonAdapter<LogEvent> ROW = Json.adapter(LogEvent.class);

  static {
    ApiFactories.register(EventLogApi.class, (context, scope) -> new EventLogApi(context));
  }

  private final ApiContext context;

  private EventLogApi(ApiContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /**
   * Fetches one page: rows with {@code createdAt} at or after the query's start, oldest first, at
   * most {@code query.limit()} rows. Rows the query's checkpoint records as seen are included (this
   * is the raw page); use {@link #stream} or {@link #iterator} to read without repeats.
   */
  public List<LogEvent> list(EventLogQuery query) {
    Objects.requireNonNull(query, "query == null");
    String position = query.start().position();
    return list(
            query,
            position == null ? null : Instant.parse(position),
            query.limit(),
            Pager.Collector::new)
        .rows;
  }

  /**
   * Fetches one page into a new decoder, row by row as the body streams in, and returns that
   * decoder. A body cut short fails the attempt like any malformed answer to an idempotent call and
   * is retried as a whole, each attempt with a decoder of its own: no row of a failed attempt is
   * kept.
   */
  <D extends PageDecoder> D list(
      EventLogQuery query, Instant createdAtGte, int limit, Supplier<D> decoders) {
    HttpUrl.Builder url = context.url("saleschannel-services", "v1", "events").newBuilder();
    url.addQueryParameter("$limit", Integer.toString(limit));
    if (query.encoding() == QueryEncoding.DEEP_OBJECT) {
      url.addQueryParameter("$orderBy[createdAt]", "asc");
      if (createdAtGte != null) {
        url.addQueryParameter("$filter[createdAt][gte]", createdAtGte.toString());
      }
    } else {
      url.addQueryParameter("$orderBy", Json.object("createdAt", "asc"));
      if (createdAtGte != null) {
        url.addQueryParameter(
            "$filter", Json.object("createdAt", java.util.Map.of("gte", createdAtGte.toString())));
      }
    }
    return context
        .core()
        .execute(
            ApiRequest.get(url.build()),
            response -> {
              D decoder = decoders.get();
              Json.decode(decoder, response.body().source(), "events log page");
              return decoder;
            });
  }

  /**
   * Returns an iterator over the log from the query's start, one page in memory at a time, ending
   * at the first page that is not full. Its {@link EventLogIterator#checkpoint()} resumes it.
   */
  public EventLogIterator iterator(EventLogQuery query) {
    return new EventLogIterator(this, Objects.requireNonNull(query, "query == null"));
  }

  /**
   * Returns a lazy stream over the log from the query's start (see {@link #iterator}); constant
   * memory whatever the log's size. Fetch errors surface as exceptions from the stream's terminal
   * operation.
   */
  public Stream<LogEvent> stream(EventLogQuery query) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator(query), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Returns a builder for a tailing poller of the log, from its first row; see {@link
   * #poller(String, EventLogQuery)}.
   */
  public PollerBuilder<LogEvent> poller(String streamName) {
    return poller(streamName, EventLogQuery.all());
  }

  /**
   * Returns a builder for a tailing poller named {@code streamName} (its checkpoint's key). It
   * starts at {@code query}'s start the first time and at the stored checkpoint afterwards; after a
   * page that is not full it waits the builder's {@code idleBackoff} (the poll interval; Puro.earth
   * suggests about 10 s) and polls again.
   */
  public PollerBuilder<LogEvent> poller(String streamName, EventLogQuery query) {
    ApiContext.requireId(streamName, "streamName");
    Objects.requireNonNull(query, "query == null");
    return new PollerBuilder<>(
        new EventLogSource(this, streamName, query),
        context.core().clock(),
        context.core().sleeper());
  }
}
