package io.eventsync.kafka.connect;

import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.NotFoundException;
import io.eventsync.PermissionException;
import io.eventsync.eventlog.EventLogApi;
import io.eventsync.eventlog.EventLogCursorStuckException;
import io.eventsync.eventlog.EventLogIterator;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.poll.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the events log from its stored watermark, up to one page per poll, and waits the poll
 * interval at the end of the log. The source offset is the SDK's tie-safe cursor: the {@code
 * createdAt} watermark and the ids seen at it, so rows that share one {@code createdAt} are neither
 * repeated nor skipped.
 *
 * <p>Only a poll's last record carries the cursor after the poll; the others carry the cursor
 * before it. With exactly-once support a poll is one transaction, so the stored offset is always
 * the cursor after a whole poll; without it, a crash may repeat at most the records of one poll.
 */
public final class PuroEventLogSourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(PuroEventLogSourceTask.class);
  static final String PARTITION_URL = "url";
  static final String PARTITION_ACCOUNT = "account";
  static final String OFFSET_WATERMARK = "watermark";
  static final String OFFSET_SEEN = "seen";
  private static final long MAX_WAIT_MS = 500;

  private final PollWait pollWait = new PollWait();
  private PuroEventLogSourceConfig config;
  private EventSyncClient client;
  private EventLogApi api;
  private EventLogQuery query;
  private Map<String, String> partition;
  private Checkpoint cursor;
  private long notBeforeNanos = System.nanoTime();
  private int failures;

  /** Creates a task; Connect configures it through {@link #start}. */
  public PuroEventLogSourceTask() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  static Map<String, String> partition(PuroEventLogSourceConfig config) {
    return Map.of(PARTITION_URL, config.baseUrl(), PARTITION_ACCOUNT, config.account());
  }

  @Override
  public void start(Map<String, String> props) {
    config = new PuroEventLogSourceConfig(props);
    client = config.client();
    api = client.eventLog();
    query = config.query();
    partition = partition(config);
    Map<String, Object> offset = context.offsetStorageReader().offset(partition);
    cursor = query.start();
    if (offset != null && offset.get(OFFSET_WATERMARK) != null) {
      Object seen = offset.get(OFFSET_SEEN);
      cursor =
          Checkpoint.of(
              offset.get(OFFSET_WATERMARK).toString(),
              DoneIds.decode(seen == null ? null : seen.toString()),
              0);
    }
    log.debug("events log task starts at {}", cursor);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    long waitNanos = notBeforeNanos - System.nanoTime();
    if (waitNanos > 0) {
      pollWait.await(Math.max(1, Math.min(MAX_WAIT_MS, TimeUnit.NANOSECONDS.toMillis(waitNanos))));
      return null;
    }
    Map<String, String> before = offset(cursor);
    List<LogEvent> rows = new ArrayList<>(query.limit());
    Checkpoint after = cursor;
    boolean end;
    try {
      EventLogIterator iterator = api.iterator(query.from(cursor));
      // Up to one page: the iterator fetches the next page only when asked past this one.
      while (rows.size() < query.limit() && iterator.hasNext()) {
        rows.add(iterator.next());
      }
      after = iterator.checkpoint();
      end = rows.size() < query.limit();
      failures = 0;
    } catch (EventLogCursorStuckException
        | AuthenticationException
        | PermissionException
        | NotFoundException e) {
      throw new ConnectException("the events log cannot be read: " + e.getMessage(), e);
    } catch (EventSyncException e) {
      failures++;
      long delay = config.pollIntervalMs() * Math.min(1L << Math.min(failures - 1, 5), 30);
      notBeforeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
      if (failures == 5) {
        log.warn(
            "reading the events log failed {} times in a row, retrying: {}",
            failures,
            e.toString());
      } else {
        log.debug("reading the events log failed, retrying in {} ms: {}", delay, e.toString());
      }
      return null;
    }
    if (end) {
      notBeforeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.pollIntervalMs());
    }
    if (rows.isEmpty()) {
      cursor = after;
      return null;
    }
    Map<String, String> last = offset(after);
    List<SourceRecord> records = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      records.add(toRecord(rows.get(i), i == rows.size() - 1 ? last : before));
    }
    cursor = after;
    return records;
  }

  private static Map<String, String> offset(Checkpoint checkpoint) {
    Map<String, String> offset = new HashMap<>(4);
    if (checkpoint.position() != null) {
      offset.put(OFFSET_WATERMARK, checkpoint.position());
    }
    offset.put(OFFSET_SEEN, DoneIds.encode(checkpoint.doneIds()));
    return offset;
  }

  private SourceRecord toRecord(LogEvent row, Map<String, String> offset) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(TikiQueueSourceTask.HEADER_ID, row.id());
    headers.addString(
        TikiQueueSourceTask.HEADER_TYPE, row.eventType() == null ? null : row.eventType().value());
    Instant createdAt = row.createdAt();
    headers.addString(
        TikiQueueSourceTask.HEADER_CREATED_AT, createdAt == null ? null : createdAt.toString());
    return new SourceRecord(
        partition,
        offset,
        config.topic(),
        null,
        Schema.STRING_SCHEMA,
        row.id(),
        Schema.STRING_SCHEMA,
        JsonText.logEvent(row),
        createdAt == null ? null : createdAt.toEpochMilli(),
        headers);
  }

  @Override
  public void stop() {
    pollWait.stop(client);
  }
}
