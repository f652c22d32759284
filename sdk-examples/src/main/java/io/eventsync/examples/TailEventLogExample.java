package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads the Puro.earth events log from where it last stopped to its end, rows sharing a {@code
 * createdAt} included. Environment: {@code EVENTSYNC_BASE_URL}, {@code EVENTSYNC_TOKEN}, {@code
 * EVENTSYNC_CURSOR_DIR} (default {@code ./cursors}).
 */
public final class TailEventLogExample {
  private TailEventLogExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv())) {
      if (env.sandbox() != null) {
        env.sandbox().appendLogRows(250, Instant.now(), true, "TRANSACTION_STATUS_CHANGE");
      }
      Path cursors = Path.of(System.getenv().getOrDefault("EVENTSYNC_CURSOR_DIR", "cursors"));
      System.out.println(tailEventLog(env.client(), cursors) + " rows read");
    }
  }

  /** Handles every row after the stored checkpoint; returns how many. */
  public static long tailEventLog(EventSyncClient client, Path cursors) {
    try (Poller tail =
        client
            .eventLog()
            .poller("puro-ledger", EventLogQuery.all().limit(100))
            .cursorStore(CursorStore.file(cursors))
            .handler(
                (LogEvent row) -> {
                  LogEvent.TransactionStatusChange change = row.transactionStatusChange();
                  System.out.println(
                      row.createdAt()
                          + " "
                          + row.id()
                          + (change == null
                              ? ""
                              : " transaction "
                                  + change.transactionId()
                                  + " -> "
                                  + change.status()));
                })
            .build()) {
      return tail.drain().handled();
    }
  }
}
