package io.eventsync.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;
import io.eventsync.testkit.EventSyncSandbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The events log against the sandbox: bursts on one createdAt, tailing, resuming, faults. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EventLogIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int LIMIT = 100;

  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  /**
   * Appends {@code total} rows from {@code start}: runs of 1 to 3 × {@value #LIMIT} rows sharing
   * one createdAt, a millisecond apart, chosen by a seeded random. Returns the next free instant.
   */
  private Instant appendBursts(Instant start, int total, long seed) {
    Random random = new Random(seed);
    Instant at = start;
    int appended = 0;
    while (appended < total) {
      int run =
          Math.min(
              total - appended,
              random.nextBoolean() ? 1 + random.nextInt(5) : 1 + random.nextInt(3 * LIMIT));
      sandbox.appendLogRows(run, at, true, "TRANSACTION_STATUS_CHANGE");
      appended += run;
      at = at.plusMillis(1);
    }
    return at;
  }

  /** Every row of the log in order, read plainly with a huge page per timestamp (the oracle). */
  private List<String> allIds() {
    try (EventSyncClient oracle = sandbox.clientBuilder().build()) {
      return oracle.eventLog().stream(EventLogQuery.all().limit(1000))
          .map(LogEvent::id)
          .collect(Collectors.toList());
    }
  }

  @Test
  void twentyThousandRowsInBurstsAreDeliveredExactlyOnceInOrderWhileTailingUnderChaos() {
    Instant next = appendBursts(T0, 15_000, 1);
    List<String> handled = new CopyOnWriteArrayList<>();
    Poller poller =
        client
            .eventLog()
            .poller("puro", EventLogQuery.all().limit(LIMIT))
            .cursorStore(CursorStore.file(dir))
            .handler(row -> handled.add(row.id()))
            .build();
    sandbox.chaos(0.2, 11);

    poller.drain();
    appendBursts(next, 5_000, 2); // appended while tailing
    poller.drain();

    sandbox.chaos(0, 0);
    List<String> expected = allIds();
    assertThat(expected).hasSize(20_000);
    assertThat(handled).containsExactlyElementsOf(expected);
    assertThat(sandbox.stats().faultsByKind()).isNotEmpty();
  }

  @Test
  void resumesFromAPersistedCheckpointInAFreshProcessState() {
    appendBursts(T0, 3_000, 3);
    List<String> handled = new ArrayList<>();
    Poller first =
        client
            .eventLog()
            .poller("puro", EventLogQuery.all().limit(LIMIT))
            .cursorStore(CursorStore.file(dir))
            .handler(row -> handled.add(row.id()))
            .build();
    for (int i = 0; i < 7; i++) {
      first.pollOnce();
    }
    first.close();

    try (EventSyncClient fresh = sandbox.clientBuilder().build()) { // nothing shared but the files
      fresh
          .eventLog()
          .poller("puro", EventLogQuery.all().limit(LIMIT))
          .cursorStore(CursorStore.file(dir))
          .handler(row -> handled.add(row.id()))
          .build()
          .drain();
    }

    assertThat(handled).containsExactlyElementsOf(allIds());
  }

  @Test
  void bothQueryEncodingsReadTheSameRows() {
    appendBursts(T0, 1_000, 4);
    List<String> deep =
        client.eventLog().stream(EventLogQuery.all().limit(50))
            .map(LogEvent::id)
            .collect(Collectors.toList());
    List<String> json =
        client.eventLog().stream(EventLogQuery.all().limit(50).encoding(QueryEncoding.JSON))
            .map(LogEvent::id)
            .collect(Collectors.toList());

    assertThat(deep).hasSize(1_000).doesNotHaveDuplicates().isEqualTo(json);
  }

  @Test
  void rowsWithoutCreatedAtAreReportedNotLost() {
    sandbox.appendLogRows(3, null, false, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(5, T0, false, "TRANSACTION_STATUS_CHANGE");
    Set<String> unreachable = new HashSet<>();
    List<String> handled = new ArrayList<>();

    client
        .eventLog()
        .poller("puro")
        .cursorStore(CursorStore.inMemory())
        .listener(
            new PollerListener() {
              @Override
              public void eventUnreachable(String stream, String eventId, String reason) {
                unreachable.add(eventId);
              }
            })
        .handler(row -> handled.add(row.id()))
        .build()
        .drain();

    assertThat(handled).hasSize(5);
    assertThat(unreachable).hasSize(3);
  }
}
