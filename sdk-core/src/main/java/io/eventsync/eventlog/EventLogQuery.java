package io.eventsync.eventlog;

import io.eventsync.poll.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to read from the events log: where to start (a time, or a checkpoint to resume from), the
 * page size, optional event types and the query encoding. Immutable; each {@code with}/setter-like
 * method returns a copy.
 */
public final class EventLogQuery {
  /** The largest page size a query may set (the API documents no maximum {@code $limit}). */
  public static final int MAX_LIMIT = 1000;

  /**
   * The most rows that may share one {@code createdAt} for a cursor to read past them: 100,000.
   * Rows the cursor has seen at its watermark come back at the head of every page until it moves,
   * so while {@code n} of them are seen a page asks for {@code n +} {@link #limit()} rows (up to
   * {@code MAX_TIED_ROWS + limit()}, a {@code $limit} above {@link #MAX_LIMIT} that the server must
   * honour); more than this many rows on one {@code createdAt} stop the read with {@link
   * EventLogCursorStuckException} once they are read. Such a widened page is also one response, so
   * it must fit the client's {@code maxResponseSize} (16 MiB by default, some tens of thousands of
   * typical rows): past that each read fails with {@code ResponseTooLargeException}, which names
   * the limit to raise.
   */
  public static final int MAX_TIED_ROWS = 100_000;

  /** Default page size: 100. */
  public static final int DEFAULT_LIMIT = 100;

  private final Checkpoint start;
  private final int limit;
  private final Set<LogEventType> eventTypes;
  private final QueryEncoding encoding;

  private EventLogQuery(
      Checkpoint start, int limit, Set<LogEventType> eventTypes, QueryEncoding encoding) {
    this.start = start;
    this.limit = limit;
    this.eventTypes = eventTypes;
    this.encoding = encoding;
  }

  /** Returns a query of the whole log, from its first row. */
  public static EventLogQuery all() {
    return new EventLogQuery(
        Checkpoint.initial(), DEFAULT_LIMIT, Set.of(), QueryEncoding.DEEP_OBJECT);
  }

  /** Returns a query of the rows with {@code createdAt} at or after {@code since}. */
  public static EventLogQuery since(Instant since) {
    Objects.requireNonNull(since, "since == null");
    return all().from(Checkpoint.of(since.toString(), List.of(), 0));
  }

  /**
   * Returns a copy that resumes after {@code checkpoint} (from {@link
   * EventLogIterator#checkpoint()} or a poller's store): rows at its watermark that it records as
   * seen are not returned again.
   *
   * @throws IllegalArgumentException if the checkpoint's position is not an ISO-8601 instant
   */
  public EventLogQuery from(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    if (checkpoint.position() != null) {
      try {
        Instant.parse(checkpoint.position());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "checkpoint position is not an events log watermark (an ISO-8601 instant): \""
                + checkpoint.position()
                + "\"");
      }
    }
    return new EventLogQuery(checkpoint, limit, eventTypes, encoding);
  }

  /**
   * Returns a copy with page size {@code limit}. While rows that share one {@code createdAt} are
   * read, pages are widened automatically by the number of them already read (see {@link
   * #MAX_TIED_ROWS}), so each page still brings up to {@code limit} new rows.
   *
   * @throws IllegalArgumentException if not between 1 and {@value #MAX_LIMIT}
   */
  public EventLogQuery limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
    }
    return new EventLogQuery(start, limit, eventTypes, encoding);
  }

  /**
   * Returns a copy that yields only rows of these types. The API has no type filter, so rows are
   * filtered after fetching; the cursor still moves over the others.
   */
  public EventLogQuery eventTypes(LogEventType... types) {
    Objects.requireNonNull(types, "types == null");
    for (LogEventType type : types) {
      Objects.requireNonNull(type, "eventTypes contains null");
    }
    return new EventLogQuery(start, limit, Set.of(types), encoding);
  }

  /** Returns a copy using {@code encoding} for {@code $filter} and {@code $orderBy}. */
  public EventLogQuery encoding(QueryEncoding encoding) {
    return new EventLogQuery(
        start, limit, eventTypes, Objects.requireNonNull(encoding, "encoding == null"));
  }

  /** Returns where reading starts. */
  public Checkpoint start() {
    return start;
  }

  /** Returns the page size. */
  public int limit() {
    return limit;
  }

  /** Returns the event types to yield; empty for all. */
  public Set<LogEventType> eventTypes() {
    return eventTypes;
  }

  /** Returns the query encoding. */
  public QueryEncoding encoding() {
    return encoding;
  }

  @Override
  public String toString() {
    return "EventLogQuery{start="
        + start
        + ", limit="
        + limit
        + ", eventTypes="
        + eventTypes
        + ", encoding="
        + encoding
        + '}';
  }
}
