package io.eventsync.kafka.connect;

import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.NotFoundException;
import io.eventsync.PermissionException;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.QueueEvent;
import io.eventsync.queue.QueueEventPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queues Connect assigned to it, each in order, and acknowledges a batch to Tiki (by
 * sending its ack id with the next pull of that queue) only once Connect has committed every record
 * of the batch: with exactly-once support, once the transaction holding the records and their
 * offsets has committed; without it, once Kafka has acknowledged the records.
 */
public final class TikiQueueSourceTask extends SourceTask {
  private static final Logger log = LoggerFactory.getLogger(TikiQueueSourceTask.class);
  static final String HEADER_ID = "eventsync.id";
  static final String HEADER_TYPE = "eventsync.type";
  static final String HEADER_CREATED_AT = "eventsync.created_at";
  static final String HEADER_QUEUE = "eventsync.queue";
  private static final int WARN_AFTER_FAILURES = 5;
  private static final long MAX_WAIT_MS = 200;

  private final PollWait pollWait = new PollWait();
  private TikiQueueSourceConfig config;
  private EventSyncClient client;
  private final Map<String, QueueReader> readers = new HashMap<>();
  private List<QueueReader> order = List.of();
  private int next; // the reader that pulls first in the next poll, round robin

  /** Creates a task; Connect configures it through {@link #start}. */
  public TikiQueueSourceTask() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new TikiQueueSourceConfig(props);
    client = config.client();
    Map<String, String> tokens = config.queueTokens();
    List<Map<String, String>> partitions = new ArrayList<>();
    for (String queue : config.taskQueues()) {
      partitions.add(QueueReader.partition(queue));
    }
    Map<Map<String, String>, Map<String, Object>> offsets =
        context.offsetStorageReader().offsets(partitions);
    List<QueueReader> list = new ArrayList<>();
    for (String queue : config.taskQueues()) {
      EventQueueApi api = client.eventQueue();
      String token = tokens.get(queue);
      if (token != null) {
        api = api.withCredentials(Credentials.bearer(token));
      }
      QueueReader reader = new QueueReader(queue, api, offsets.get(QueueReader.partition(queue)));
      readers.put(queue, reader);
      list.add(reader);
    }
    order = List.copyOf(list);
    log.debug("task reads queues {}", config.taskQueues());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(config.pollIntervalMs());
    for (int i = 0; i < order.size() && !pollWait.stopping(); i++) {
      QueueReader reader = order.get((next + i) % order.size());
      long now = System.nanoTime();
      if (!reader.ready(now)) {
        continue;
      }
      try {
        records.addAll(
            reader.pull(now, idleNanos, (event, offset) -> toRecord(reader, event, offset)));
      } catch (AuthenticationException | PermissionException | NotFoundException e) {
        throw new ConnectException(
            "queue " + reader.queue() + " cannot be read: " + e.getMessage(), e);
      } catch (EventSyncException e) {
        int failures = reader.failed(now, backoffNanos(idleNanos, reader.failures() + 1));
        if (failures == WARN_AFTER_FAILURES) {
          log.warn(
              "pulling queue {} failed {} times in a row, retrying: {}",
              reader.queue(),
              failures,
              e.toString());
        } else {
          log.debug("pulling queue {} failed, retrying: {}", reader.queue(), e.toString());
        }
      }
    }
    next = order.isEmpty() ? 0 : (next + 1) % order.size();
    if (records.isEmpty()) {
      awaitWork();
      return null;
    }
    return records;
  }

  private static long backoffNanos(long idleNanos, int failures) {
    return idleNanos * Math.min(1L << Math.min(failures - 1, 5), 30);
  }

  /** Waits until a queue may be pulled, a batch is committed or the task stops, at most briefly. */
  private void awaitWork() throws InterruptedException {
    long readyAt = Long.MAX_VALUE;
    for (QueueReader reader : order) {
      readyAt = Math.min(readyAt, reader.readyAtNanos());
    }
    long waitMs =
        readyAt == Long.MAX_VALUE
            ? MAX_WAIT_MS
            : Math.min(MAX_WAIT_MS, TimeUnit.NANOSECONDS.toMillis(readyAt - System.nanoTime()));
    if (waitMs > 0) {
      pollWait.await(waitMs);
    }
  }

  private SourceRecord toRecord(QueueReader reader, QueueEvent event, Map<String, String> offset) {
    String key = event.id();
    if (config.keyByOrderCode()) {
      QueueEventPayload payload = event.payload();
      String code = null;
      if (payload instanceof QueueEventPayload.OrderCreated) {
        code = ((QueueEventPayload.OrderCreated) payload).orderCode();
      } else if (payload instanceof QueueEventPayload.OrderStatusUpdated) {
        code = ((QueueEventPayload.OrderStatusUpdated) payload).orderCode();
      }
      if (code != null && !code.isEmpty()) {
        key = code;
      }
    }
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(HEADER_ID, event.id());
    headers.addString(HEADER_TYPE, event.type() == null ? null : event.type().value());
    Instant createdAt = event.createdAt();
    headers.addString(HEADER_CREATED_AT, createdAt == null ? null : createdAt.toString());
    headers.addString(HEADER_QUEUE, reader.queue());
    return new SourceRecord(
        reader.partition(),
        offset,
        config.topic(),
        null,
        Schema.STRING_SCHEMA,
        key,
        Schema.STRING_SCHEMA,
        JsonText.queueEvent(event),
        createdAt == null ? null : createdAt.toEpochMilli(),
        headers);
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    Object queue = record.sourcePartition().get(QueueReader.PARTITION_QUEUE);
    QueueReader reader = readers.get(String.valueOf(queue));
    if (reader != null) {
      reader.recordCommitted();
      pollWait.wake();
    }
  }

  @Override
  public void stop() {
    pollWait.stop(client);
  }
}
