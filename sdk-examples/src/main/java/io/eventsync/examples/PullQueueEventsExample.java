package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DrainResult;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEventPayload;
import java.nio.file.Path;

/**
 * Pulls every new event of a Tiki queue once, in order, and remembers where it stopped: run it
 * twice and the second run prints only what arrived in between. Environment: {@code
 * EVENTSYNC_BASE_URL}, {@code EVENTSYNC_TOKEN}, {@code EVENTSYNC_QUEUE} (a sandbox queue is made
 * when unset), {@code EVENTSYNC_CURSOR_DIR} (default {@code ./cursors}).
 */
public final class PullQueueEventsExample {
  private PullQueueEventsExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv())) {
      String queue = System.getenv("EVENTSYNC_QUEUE");
      if (env.sandbox() != null) {
        queue = env.client().eventQueue().createQueue("example").code();
        env.client().eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
        env.sandbox().emitTikiEvents("ORDER_STATUS_UPDATED", 120);
      }
      Path cursors = Path.of(System.getenv().getOrDefault("EVENTSYNC_CURSOR_DIR", "cursors"));
      long handled = pullQueueEvents(env.client(), queue, cursors);
      System.out.println(handled + " events handled; the cursor is in " + cursors.toAbsolutePath());
    }
  }

  /** Handles every event now in {@code queueCode}, resuming from the cursor in {@code cursors}. */
  public static long pullQueueEvents(EventSyncClient client, String queueCode, Path cursors) {
    EventQueueApi queue = client.eventQueue();
    try (Poller poller =
        queue
            .poller(queueCode)
            .cursorStore(CursorStore.file(cursors))
            .handler(
                event -> {
                  if (event.payload() instanceof QueueEventPayload.OrderStatusUpdated) {
                    QueueEventPayload.OrderStatusUpdated status =
                        (QueueEventPayload.OrderStatusUpdated) event.payload();
                    System.out.println(
                        "order " + status.orderCode() + " is now " + status.status());
                  } else {
                    System.out.println(event.type() + " " + event.id());
                  }
                })
            .build()) {
      DrainResult result = poller.drain();
      return result.handled();
    }
  }
}
