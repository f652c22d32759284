package io.eventsync.moduletest;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.EventHandler;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.WebhookParser;
import io.eventsync.webhooks.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an application on the module path does with the SDK: pull a Tiki queue with a poller and
 * OAuth tokens, read the events log, parse a webhook; each step decodes wire records with Moshi
 * inside the SDK's modules. {@link #main} runs the steps against a sandbox of its own and prints
 * one {@code key=value} line per finding; {@code ModulePathTest} runs it with {@code --module-path}
 * and checks the lines.
 */
public final class ModulePathApp {
  private ModulePathApp() {}

  /** Runs the steps and prints what they found. */
  public static void main(String[] args) throws Exception {
    Module core = EventSyncClient.class.getModule();
    Module self = ModulePathApp.class.getModule();
    print("app.module", self.getName());
    print("core.module", core.getName() + (core.getDescriptor().isAutomatic() ? " automatic" : ""));
    print("webhooks.module", WebhookParser.class.getModule().getName());
    print("testkit.module", EventSyncSandbox.class.getModule().getName());
    print("internal.exportedToApp", core.isExported("io.eventsync.internal", self));
    print(
        "internal.exportedToWebhooks",
        core.isExported("io.eventsync.internal", WebhookParser.class.getModule()));
    print("internal.callableFromApp", internalCallable());

    try (EventSyncSandbox sandbox = EventSyncSandbox.start();
        EventSyncClient client =
            sandbox
                .clientBuilder()
                .credentials(
                    ClientCredentials.tiki(
                            EventSyncSandbox.CLIENT_ID, EventSyncSandbox.CLIENT_SECRET)
                        .build())
                .build()) {
      String queue = newQueue(client, EventType.PRODUCT_PRICE_UPDATED);
      sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", 3);
      List<QueueEvent> events = drain(client, queue);
      print("queue.events", events.size());
      print("queue.firstCreatedAtSet", events.get(0).createdAt() != null);
      print("queue.firstPayloadType", events.get(0).payload().getClass().getSimpleName());

      sandbox.appendLogRows(2);
      try (EventSyncClient devClient = sandbox.clientBuilder().build()) { // the dev token
        List<LogEvent> rows = devClient.eventLog().list(EventLogQuery.all());
        print("log.rows", rows.size());
        print("log.firstType", rows.get(0).eventType());
        print("log.firstDetailsIsObject", rows.get(0).details().startsWith("{"));
      }
    }

    WebhookPayload webhook =
        WebhookParser.parseVerified(
            ("{\"data\": {\"order_code\": \"T1\", \"main_state\": \"shipping\","
                    + " \"date\": \"2026-03-01T10:00:00+07:00\"}}")
                .getBytes(StandardCharsets.UTF_8));
    print("webhook", webhook);
  }

  /** Creates a queue, subscribes it to {@code type} for the client's seller; returns its code. */
  static String newQueue(EventSyncClient client, EventType type) {
    EventQueueApi api = client.eventQueue();
    String code = api.createQueue("module-path").code();
    api.subscribe(code, type);
    return code;
  }

  /** Drains the queue with a poller and an in-memory cursor; returns the events handled. */
  static List<QueueEvent> drain(EventSyncClient client, String queueCode) {
    List<QueueEvent> handled = new CopyOnWriteArrayList<>();
    Poller poller =
        client
            .eventQueue()
            .poller(queueCode)
            .cursorStore(CursorStore.inMemory())
            .handler((EventHandler<QueueEvent>) handled::add)
            .build();
    try {
      poller.drain();
    } finally {
      poller.close(Duration.ofSeconds(10));
    }
    return handled;
  }

  /** Tries to call the SDK's internal JSON class, as code outside the SDK must not. */
  private static String internalCallable() throws ClassNotFoundException {
    Class<?> json = Class.forName("io.eventsync.internal.Json");
    try {
      json.getMethod("moshi").invoke(null);
      return "yes";
    } catch (IllegalAccessException e) {
      return "no (IllegalAccessException)";
    } catch (ReflectiveOperationException e) {
      return "failed: " + e;
    }
  }

  private static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }
}
