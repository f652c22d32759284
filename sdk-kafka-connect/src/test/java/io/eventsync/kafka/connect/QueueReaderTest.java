package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class QueueReaderTest {
  private EventSyncSandbox sandbox;
  private EventSyncClient client;
  private EventQueueApi api;
  private String queue;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().build();
    api = client.eventQueue();
    queue = api.createQueue("q").code();
    api.withCredentials(Credentials.bearer(sandbox.mintSellerToken("seller")))
        .subscribe(queue, EventType.ORDER_STATUS_UPDATED);
    sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", "seller", null, 5);
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  private static List<SourceRecord> pull(QueueReader reader) {
    return reader.pull(
        System.nanoTime(),
        0,
        (event, offset) ->
            new SourceRecord(
                reader.partition(),
                offset,
                "t",
                null,
                Schema.STRING_SCHEMA,
                event.id(),
                Schema.STRING_SCHEMA,
                "v"));
  }

  @Test
  void batchIsAcknowledgedOnlyOnceEveryRecordOfItIsCommitted() {
    QueueReader reader = new QueueReader(queue, api, null);
    List<SourceRecord> records = pull(reader);
    assertThat(records).hasSize(5);
    assertThat(reader.ready(System.nanoTime())).isFalse();

    for (int i = 0; i < 4; i++) {
      reader.recordCommitted();
    }
    assertThat(reader.ready(System.nanoTime())).as("one record not committed").isFalse();
    reader.recordCommitted();
    assertThat(reader.ready(System.nanoTime())).isTrue();
    assertThat(sandbox.unacknowledgedEvents(queue))
        .as("acknowledged with the next pull")
        .isEqualTo(5);

    assertThat(pull(reader)).isEmpty();
    assertThat(sandbox.unacknowledgedEvents(queue)).isZero();
  }

  @Test
  void restartFromARecordsOffsetSkipsTheEventsWrittenBeforeIt() {
    QueueReader first = new QueueReader(queue, api, null);
    List<SourceRecord> records = pull(first);
    Map<String, Object> offset = new HashMap<>(records.get(2).sourceOffset()); // 3 written

    QueueReader restarted = new QueueReader(queue, api, offset);
    List<SourceRecord> again = pull(restarted);

    assertThat(again)
        .extracting(SourceRecord::key)
        .containsExactly(records.get(3).key(), records.get(4).key());
    assertThat(new HashMap<String, Object>(again.get(1).sourceOffset()))
        .as("the offset after the last record: every id of the batch")
        .containsEntry(
            QueueReader.OFFSET_DONE,
            (Object) DoneIds.encode(records.stream().map(r -> (String) r.key()).toList()));
  }

  @Test
  void batchWrittenEntirelyBeforeARestartIsAcknowledgedWithTheNextPull() {
    List<SourceRecord> records = pull(new QueueReader(queue, api, null));
    QueueReader restarted =
        new QueueReader(queue, api, new HashMap<>(records.get(4).sourceOffset()));

    assertThat(pull(restarted)).isEmpty();
    assertThat(restarted.ready(System.nanoTime())).isTrue();
    assertThat(pull(restarted)).isEmpty();
    assertThat(sandbox.unacknowledgedEvents(queue)).isZero();
  }
}
