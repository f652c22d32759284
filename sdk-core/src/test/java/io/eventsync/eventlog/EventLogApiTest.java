package io.eventsync.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;
import io.eventsync.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventLogApiTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final FakeLogServer log = new FakeLogServer();
  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private EventSyncClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(log);
    server.start();
    client = EventSyncClient.builder().baseUrl(server.url("/").toString()).sleeper(sleeper).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  /** Appends rows: runs of 1, 5 and 3 × limit rows sharing one createdAt, in that pattern. */
  private List<String> appendBursts(int limit) {
    List<String> ids = new ArrayList<>();
    int[] runs = {1, 5, 3 * limit, 1, limit, limit + 1, 2};
    for (int r = 0; r < runs.length; r++) {
      for (int i = 0; i < runs[r]; i++) {
        String id = "r" + r + "-" + i;
        log.append(id, T0.plusSeconds(r));
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void streamDeliversEveryRowOnceInOrderThroughSameTimestampBursts() {
    List<String> expected = appendBursts(10);

    List<String> ids =
        client.eventLog().stream(EventLogQuery.all().limit(10))
            .map(LogEvent::id)
            .collect(Collectors.toList());

    assertThat(ids).containsExactlyElementsOf(expected);
    assertThat(log.requests)
        .anySatisfy(
            url ->
                assertThat(url.queryParameter("$limit"))
                    .isEqualTo("40")); // widened for the 3× burst
  }

  @Test
  void jsonTextEncodingReadsTheSameRows() {
    List<String> expected = appendBursts(4);

    List<String> ids =
        client.eventLog().stream(EventLogQuery.all().limit(4).encoding(QueryEncoding.JSON))
            .map(LogEvent::id)
            .collect(Collectors.toList());

    assertThat(ids).containsExactlyElementsOf(expected);
    assertThat(log.requests.get(1).queryParameter("$filter"))
        .startsWith("{\"createdAt\":{\"gte\":\"2026-01-01T00:00");
    assertThat(log.requests.get(1).queryParameter("$orderBy")).isEqualTo("{\"createdAt\":\"asc\"}");
  }

  @Test
  void deepObjectEncodingIsTheDefault() {
    log.append("a", T0);
    client.eventLog().list(EventLogQuery.since(T0).limit(5));

    assertThat(log.requests.get(0).query())
        .isEqualTo("$limit=5&$orderBy[createdAt]=asc&$filter[createdAt][gte]=2026-01-01T00:00:00Z");
  }

  @Test
  void aFullPageOfRowsOnOneTimestampIsProgressAndTheRowsAfterItAreRead() {
    log.appendRun("x", T0, 1000);
    log.appendRun("later", T0.plusSeconds(1), 3);

    List<String> ids =
        client.eventLog().stream(EventLogQuery.all().limit(1000))
            .map(LogEvent::id)
            .collect(Collectors.toList());

    assertThat(ids).hasSize(1003).doesNotHaveDuplicates().endsWith("later0", "later1", "later2");
    assertThat(log.requests)
        .extracting(url -> url.queryParameter("$limit"))
        .containsExactly("1000", "2000"); // the 1000 seen rows, and a page more
  }

  @Test
  void pagesWidenByTheRowsSeenOnTheWatermarkSoEachBringsUpToAPageOfNewRows() {
    log.appendRun("x", T0, 250);
    log.appendRun("later", T0.plusSeconds(1), 1);

    assertThat(client.eventLog().stream(EventLogQuery.all().limit(100)).count()).isEqualTo(251);
    assertThat(log.requests)
        .extracting(url -> url.queryParameter("$limit"))
        .containsExactly("100", "200", "300"); // seen 0, 100, 200: 100 new rows each time
  }

  @Test
  void moreRowsOnOneTimestampThanMaxTiedRowsFailNamingItInsteadOfLooping() {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i <= EventLogQuery.MAX_TIED_ROWS; i++) {
      seen.add("x" + i);
    }
    Checkpoint tied = Checkpoint.of(T0.toString(), seen, 0);

    assertThatThrownBy(() -> client.eventLog().stream(EventLogQuery.all().from(tied)).count())
        .isInstanceOfSatisfying(
            EventLogCursorStuckException.class,
            e -> {
              assertThat(e.createdAt()).isEqualTo(T0);
              assertThat(e.getMessage())
                  .startsWith(
                      "more than 100000 rows of the events log share createdAt"
                          + " 2026-01-01T00:00:00Z");
            });
    assertThat(log.requests).isEmpty();
  }

  @Test
  void aGarbledPageIsRetriedAsMalformedEvenThoughItStartsWithTheWrongShape() {
    log.appendRun("x", T0, 3);
    log.garbleNext = 1;

    assertThat(client.eventLog().stream(EventLogQuery.all()).count()).isEqualTo(3);
    assertThat(log.requests).hasSize(2);
  }

  @Test
  void rowsBeyondTheLimitAreLeftForTheNextPageSoAPageHoldsNoMoreThanAskedFor() {
    for (int i = 0; i < 10; i++) {
      log.append("r" + i, T0.plusSeconds(i));
    }
    log.extraRows = 100;

    assertThat(
            client.eventLog().stream(EventLogQuery.all().limit(3))
                .map(LogEvent::id)
                .collect(Collectors.toList()))
        .containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
    assertThat(log.requests).hasSize(5); // 3 new rows a page (2 after the first), not 10 at once
  }

  @Test
  void aRowWithoutAnIdIsADecodingErrorNamingItsPath() {
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            return new mockwebserver3.MockResponse.Builder()
                .body(
                    "[{\"id\":\"a\",\"createdAt\":\"2026-01-01T00:00:00Z\"},{\"eventType\":\"X\"}]")
                .build();
          }
        });

    assertThatThrownBy(() -> client.eventLog().stream(EventLogQuery.all()).count())
        .isInstanceOf(io.eventsync.DecodingException.class)
        .hasMessageContaining("events log row without an id at path $[1]");
  }

  @Test
  void rowsWithoutCreatedAtAreCountedNotDelivered() {
    log.append("ghost", null);
    log.append("a", T0);
    EventLogIterator iterator = client.eventLog().iterator(EventLogQuery.all());

    List<String> ids = new ArrayList<>();
    iterator.forEachRemaining(row -> ids.add(row.id()));

    assertThat(ids).containsExactly("a");
    assertThat(iterator.unreachableCount()).isEqualTo(1);
  }

  @Test
  void iteratorResumesFromItsCheckpointWithoutRepeatsOrGaps() {
    List<String> expected = appendBursts(5);
    EventLogIterator first = client.eventLog().iterator(EventLogQuery.all().limit(5));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) { // stop in the middle of the 3× burst
      ids.add(first.next().id());
    }
    Checkpoint saved = first.checkpoint();

    client
        .eventLog()
        .iterator(EventLogQuery.all().limit(5).from(saved))
        .forEachRemaining(r -> ids.add(r.id()));

    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void aCheckpointTakenAfterHasNextDoesNotCoverTheRowNotReturnedYet() {
    List<String> expected = appendBursts(5);
    EventLogIterator first = client.eventLog().iterator(EventLogQuery.all().limit(5));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ids.add(first.next().id());
    }
    assertThat(first.hasNext()).isTrue(); // finds the tenth row, which is not handed out yet
    Checkpoint saved = first.checkpoint();

    client
        .eventLog()
        .iterator(EventLogQuery.all().limit(5).from(saved))
        .forEachRemaining(r -> ids.add(r.id()));

    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void typedViewOfTransactionStatusChange() {
    log.append("a", T0);
    LogEvent row = client.eventLog().list(EventLogQuery.all()).get(0);

    assertThat(row.transactionStatusChange())
        .isEqualTo(new LogEvent.TransactionStatusChange("t-a", null, "SUCCESS"));
    assertThat(row.details()).isEqualTo("{\"transactionId\":\"t-a\",\"status\":\"SUCCESS\"}");
  }

  @Test
  void rateLimitHonoursRetryAfter() {
    log.append("a", T0);
    log.rateLimitNext = 1;

    assertThat(client.eventLog().list(EventLogQuery.all())).hasSize(1);
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void limitIsValidatedAgainstTheMaximum() {
    assertThatThrownBy(() -> EventLogQuery.all().limit(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 1000 but was 1001");
  }

  @Test
  void pollerTailsAppendedRowsAndResumesFromItsStore() {
    log.append("ghost", null); // visible only to the first, unfiltered page
    List<String> expected = appendBursts(5);
    CursorStore store = CursorStore.inMemory();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> unreachable = new CopyOnWriteArrayList<>();
    PollerListener listener =
        new PollerListener() {
          @Override
          public void eventUnreachable(String stream, String eventId, String reason) {
            unreachable.add(eventId);
          }
        };
    Poller first =
        client
            .eventLog()
            .poller("puro", EventLogQuery.all().limit(5))
            .cursorStore(store)
            .listener(listener)
            .handler(row -> handled.add(row.id()))
            .build();
    first.drain();
    assertThat(handled).containsExactlyElementsOf(expected);

    log.append("late-1", T0.plusSeconds(6)); // same createdAt as the last burst
    log.append("late-2", T0.plusSeconds(100));
    Poller second =
        client
            .eventLog()
            .poller("puro", EventLogQuery.all().limit(5))
            .cursorStore(store)
            .listener(listener)
            .handler(row -> handled.add(row.id()))
            .build();
    second.drain();

    assertThat(handled.subList(expected.size(), handled.size()))
        .containsExactly("late-1", "late-2");
    assertThat(unreachable).containsExactly("ghost");
  }
}
