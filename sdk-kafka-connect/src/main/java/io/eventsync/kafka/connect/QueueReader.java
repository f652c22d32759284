package io.eventsync.kafka.connect;

import io.eventsync.queue.EventBatch;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.QueueEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One queue of a {@link TikiQueueSourceTask}: its cursor and the batch in flight.
 *
 * <p>The cursor is the SDK's queue checkpoint: the ack id to send with the next pull ({@code
 * position}) and the ids written since ({@code done}). A batch's ack id becomes the position only
 * once Connect has committed every record of the batch; until then the queue is not pulled again,
 * so Tiki is never told that an event is handled before it is in Kafka. Every record carries the
 * cursor after it as its source offset, so a restart pulls with the last committed position and
 * skips the ids already written.
 *
 * <p>{@link #pull} runs on the task's thread, {@link #recordCommitted} on the thread Connect
 * commits on; the state is guarded by this object's lock.
 */
final class QueueReader {
  static final String PARTITION_QUEUE = "queue";
  static final String OFFSET_ACK_ID = "ack_id";
  static final String OFFSET_DONE = "done";

  private final String queue;
  private final Map<String, String> partition;
  private final EventQueueApi api;

  private String position; // ack id for the next pull; null: from the first unacknowledged event
  private final LinkedHashSet<String> done = new LinkedHashSet<>(); // written since position
  private String pendingAckId; // the batch in flight, or null
  private int pendingRecords; // its records Connect has not committed yet
  private boolean inFlight;
  private long notBeforeNanos;
  private int failures;

  QueueReader(String queue, EventQueueApi api, Map<String, Object> offset) {
    this.queue = queue;
    this.api = api;
    this.partition = Map.of(PARTITION_QUEUE, queue);
    if (offset != null) {
      Object ack = offset.get(OFFSET_ACK_ID);
      position = ack == null ? null : ack.toString();
      Object ids = offset.get(OFFSET_DONE);
      done.addAll(DoneIds.decode(ids == null ? null : ids.toString()));
    }
  }

  static Map<String, String> partition(String queue) {
    return Map.of(PARTITION_QUEUE, queue);
  }

  String queue() {
    return queue;
  }

  Map<String, String> partition() {
    return partition;
  }

  /** Returns true if the queue may be pulled now: no batch in flight and no wait pending. */
  synchronized boolean ready(long nowNanos) {
    return !inFlight && nowNanos - notBeforeNanos >= 0;
  }

  /** Returns when the queue may next be pulled, or {@code Long.MAX_VALUE} while a batch waits. */
  synchronized long readyAtNanos() {
    return inFlight ? Long.MAX_VALUE : notBeforeNanos;
  }

  /**
   * Pulls the next batch (acknowledging the last committed one) and returns its events not yet
   * written, as records. An empty batch makes the queue wait {@code idleNanos}.
   *
   * @param toRecord makes the record of an event with the given source offset
   */
  List<SourceRecord> pull(
      long nowNanos,
      long idleNanos,
      BiFunction<QueueEvent, Map<String, String>, SourceRecord> toRecord) {
    String ackId;
    synchronized (this) {
      ackId = position;
    }
    EventBatch batch = api.pull(queue, ackId);
    synchronized (this) {
      failures = 0;
      List<QueueEvent> fresh = new ArrayList<>(batch.events().size());
      for (QueueEvent event : batch.events()) {
        if (!done.contains(event.id())) {
          fresh.add(event);
        }
      }
      if (batch.events().isEmpty() || batch.ackId() == null) {
        notBeforeNanos = nowNanos + idleNanos;
      }
      if (fresh.isEmpty()) {
        if (!batch.events().isEmpty() && batch.ackId() != null) {
          // Every event was written before a restart: acknowledge the batch with the next pull.
          position = batch.ackId();
          done.clear();
        }
        return List.of();
      }
      List<SourceRecord> records = new ArrayList<>(fresh.size());
      for (QueueEvent event : fresh) {
        done.add(event.id());
        Map<String, String> offset = new HashMap<>(4);
        if (position != null) {
          offset.put(OFFSET_ACK_ID, position);
        }
        offset.put(OFFSET_DONE, DoneIds.encode(done));
        records.add(toRecord.apply(event, offset));
      }
      inFlight = true;
      pendingAckId = batch.ackId() == null ? position : batch.ackId();
      pendingRecords = records.size();
      return records;
    }
  }

  /**
   * Counts one record of the batch in flight as committed by Connect; the last one makes the
   * batch's ack id the position sent with the next pull.
   */
  synchronized void recordCommitted() {
    if (!inFlight) {
      return;
    }
    if (--pendingRecords == 0) {
      if (!java.util.Objects.equals(pendingAckId, position)) {
        position = pendingAckId;
        done.clear();
      }
      pendingAckId = null;
      inFlight = false;
    }
  }

  /** Records a failed pull: the queue waits {@code delayNanos}; returns the failures in a row. */
  synchronized int failed(long nowNanos, long delayNanos) {
    notBeforeNanos = nowNanos + delayNanos;
    return ++failures;
  }

  synchronized int failures() {
    return failures;
  }
}
