package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderPublisher;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.InvoicePaymentInstructions;
import io.eventsync.orders.OrderItem;
import io.eventsync.orders.PublishStats;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.DeliveryRetryPolicy;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.TikiNowOrderStatus;
import io.eventsync.webhooks.TikiNowStock;
import io.eventsync.webhooks.WebhookPayload;
import io.eventsync.webhooks.WebhookReceiver;
import io.eventsync.webhooks.WebhookSigner;
import io.eventsync.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The story {@code eventsync demo} tells, step by step, and the checks behind its summary. */
final class Demo {
  /** How much of everything the demo makes. */
  record Sizes(
      int events, int logRows, int burst, int webhooks, int orders, double chaos, long seed) {}

  /** One line of the summary. */
  private record Check(String what, long expected, long actual) {
    boolean ok() {
      return expected == actual;
    }
  }

  private final PrintWriter out;
  private final boolean interactive;
  private final Sizes sizes;
  private final List<Check> checks = new ArrayList<>();

  Demo(PrintWriter out, boolean interactive, Sizes sizes) {
    this.out = out;
    this.interactive = interactive;
    this.sizes = sizes;
  }

  /** Runs every step; returns true if every check passed. */
  boolean run() throws Exception {
    Path work = Files.createTempDirectory("eventsync-demo");
    SandboxOptions options =
        SandboxOptions.builder()
            .seed(sizes.seed())
            .deliveryRetryPolicy(
                new DeliveryRetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(1)))
            .build();
    try (EventSyncSandbox sandbox = EventSyncSandbox.start(options);
        EventSyncClient client = sandbox.clientBuilder().userAgent("eventsync-demo").build()) {
      out.println(
          "eventsync demo: an embedded sandbox of all five APIs is listening on " + sandbox.url());
      out.println("working files (cursors, dead letters) in " + work + ", removed at the end");
      out.println();
      queue(sandbox, client, work);
      eventLog(sandbox, client, work);
      webhooks(sandbox, client);
      customerOrders(sandbox, client, work);
    } finally {
      deleteRecursively(work);
    }
    return summary();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    }
  }

  // ------------------------------------------------------------------ 1. Tiki event queue

  private void queue(EventSyncSandbox sandbox, EventSyncClient client, Path work) {
    step("1/4", "Tiki event queue: pull, handle in order, persist the cursor, survive a restart");
    EventQueueApi api = client.eventQueue();
    String code = api.createQueue("demo-orders").code();
    for (EventType type : EventType.knownValues()) {
      api.subscribe(code, type);
    }
    out.println(
        "  created queue "
            + code
            + " and subscribed "
            + EventType.knownValues().size()
            + " event types");
    List<String> emitted = new ArrayList<>();
    List<EventType> types = EventType.knownValues();
    for (int i = 0; i < sizes.events(); i += 100) {
      String type = types.get((i / 100) % types.size()).value();
      for (Map<String, Object> event :
          sandbox.emitTikiEvents(type, Math.min(100, sizes.events() - i))) {
        emitted.add((String) event.get("id"));
      }
    }
    out.println(
        "  emitted "
            + emitted.size()
            + " events; "
            + percent(sizes.chaos())
            + " of sandbox answers now fail (5xx, 429, resets, cut or broken bodies)");
    sandbox.chaos(sizes.chaos(), sizes.seed());

    List<String> handled = new CopyOnWriteArrayList<>();
    CursorStore cursors = CursorStore.file(work.resolve("cursors"));
    Progress progress = new Progress(out, interactive, "  handling queue events", sizes.events());
    Poller first =
        api.poller(code)
            .cursorStore(cursors)
            .idleBackoff(Duration.ofMillis(20))
            .handler(
                event -> {
                  handled.add(event.id());
                  progress.set(handled.size());
                })
            .build();
    first.start();
    awaitSize(handled, sizes.events() / 2, Duration.ofSeconds(60));
    first.close(Duration.ofSeconds(10));
    progress.note(
        "poller stopped at " + handled.size() + " events; a new one resumes from " + cursors);
    Poller second =
        api.poller(code)
            .cursorStore(cursors)
            .handler(
                event -> {
                  handled.add(event.id());
                  progress.set(handled.size());
                })
            .build();
    second.drain();
    second.close();
    progress.done(handled.size());
    sandbox.chaos(0, 0);

    long faults = sandbox.stats().faultsByKind().values().stream().mapToLong(Long::longValue).sum();
    out.println("  " + faults + " faults were injected and ridden out by retries");
    checks.add(new Check("queue events handled", emitted.size(), handled.size()));
    checks.add(
        new Check(
            "queue events in emitted order, none twice",
            emitted.size(),
            handled.equals(emitted) ? handled.size() : -1));
  }

  // ------------------------------------------------------------------ 2. Puro events log

  private void eventLog(EventSyncSandbox sandbox, EventSyncClient client, Path work) {
    step("2/4", "Puro.earth events log: createdAt paging through a same-timestamp burst");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    int half = sizes.logRows() / 2;
    sandbox.appendLogRows(Math.max(1, half), start, false, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(
        sizes.burst(), start.plusSeconds(3600), true, "TRANSACTION_STATUS_CHANGE");
    long total =
        sandbox.appendLogRows(
            Math.max(1, sizes.logRows() - half),
            start.plusSeconds(7200),
            false,
            "TRANSACTION_STATUS_CHANGE");
    out.println(
        "  appended "
            + total
            + " rows, "
            + sizes.burst()
            + " of them on one createdAt (3x the page size of 100):");
    out.println(
        "  the documented one-row-overlap loop would skip or repeat rows there, or never leave");

    List<LogEvent> rows = new ArrayList<>();
    Progress progress = new Progress(out, interactive, "  tailing the events log", total);
    Poller tail =
        client
            .eventLog()
            .poller("demo-ledger", EventLogQuery.all().limit(100))
            .cursorStore(CursorStore.file(work.resolve("cursors")))
            .handler(
                row -> {
                  rows.add(row);
                  progress.set(rows.size());
                })
            .build();
    tail.drain();
    tail.close();
    progress.done(rows.size());
    long distinct = rows.stream().map(LogEvent::id).distinct().count();
    boolean ordered =
        rows.stream()
            .map(LogEvent::createdAt)
            .collect(Collectors.toList())
            .equals(
                rows.stream()
                    .map(LogEvent::createdAt)
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.toList()));
    checks.add(new Check("events log rows handled", total, rows.size()));
    checks.add(
        new Check(
            "events log rows distinct and in createdAt order", total, ordered ? distinct : -1));
  }

  // ------------------------------------------------------------------ 3. TikiNOW webhooks

  private void webhooks(EventSyncSandbox sandbox, EventSyncClient client)
      throws IOException, InterruptedException {
    step("3/4", "TikiNOW webhooks: register, receive signed deliveries, refuse a forgery");
    WebhookSecret secret = WebhookSecret.generate();
    List<WebhookPayload> received = new CopyOnWriteArrayList<>();
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build();
    try (WebhookReceiver receiver =
        WebhookReceiver.builder(verifier)
            .handler(delivery -> received.add(delivery.payload()))
            .build()
            .start()) {
      String url = receiver.url().toString();
      client
          .fulfillment()
          .registerWebhooks(
              WebhookRegistration.builder()
                  .inventoryLocations("sgn", "hn5")
                  .orderWebhook(url, secret)
                  .stockWebhook(url, secret)
                  .build());
      out.println(
          "  registered order and stock webhooks at "
              + url
              + " with a generated 32-character secret");
      for (int i = 0; i < sizes.webhooks(); i++) {
        if (i % 2 == 0) {
          sandbox.tikiNowOrderChange(Map.of("order_code", "3471718" + i, "main_state", "shipping"));
        } else {
          sandbox.tikiNowStockChange(
              Map.of("sku", "SKU-" + i, "warehouse", "sgn3", "qty_salable", i));
        }
      }
      sandbox.awaitDeliveries(Duration.ofSeconds(30));
      long orders = received.stream().filter(p -> p instanceof TikiNowOrderStatus).count();
      long stock = received.stream().filter(p -> p instanceof TikiNowStock).count();
      out.println(
          "  received and verified "
              + received.size()
              + " deliveries ("
              + orders
              + " order status, "
              + stock
              + " stock)");

      int forged = forge(url);
      out.println("  a delivery signed with the wrong secret was answered HTTP " + forged);
      checks.add(
          new Check("webhooks received with a valid signature", sizes.webhooks(), received.size()));
      checks.add(new Check("forged webhook refused with HTTP 401", 401, forged));
    }
  }

  /** Posts a body signed with another secret; returns the receiver's status code. */
  private static int forge(String url) throws IOException {
    byte[] body =
        "{\"data\": {\"order_code\": \"1\", \"main_state\": \"canceled\"}}"
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        WebhookSigner.of(SignatureScheme.TIKINOW, WebhookSecret.generate()).sign(body);
    OkHttpClient http = new OkHttpClient();
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  // ------------------------------------------------------------------ 4. Hii Retail orders

  private void customerOrders(EventSyncSandbox sandbox, EventSyncClient client, Path work) {
    step("4/4", "Hii Retail customer orders: an ordered, resumable publisher with a stale-guard");
    List<CustomerOrderUpdate> updates = new ArrayList<>();
    for (int version = 1; version <= 2; version++) {
      for (int i = 0; i < sizes.orders(); i++) {
        updates.add(CustomerOrderUpdate.of("store-1", order(i, version), version));
      }
    }
    CustomerOrderPublisher publisher =
        client
            .customerOrders()
            .publisher()
            .concurrency(4)
            .cursorStore(CursorStore.file(work.resolve("cursors")))
            .deadLetterSink(DeadLetterSink.file(work.resolve("order-dead-letters.jsonl")))
            .build();
    Stream<CustomerOrderUpdate> stream = updates.stream();
    PublishStats stats = publisher.publish(stream);
    out.println(
        "  published "
            + stats.sent()
            + " PUTs ("
            + sizes.orders()
            + " orders, 2 versions each) with 4 in flight,"
            + " order kept per order id, "
            + stats.failed()
            + " dead-lettered");
    long latest =
        IntStream.range(0, sizes.orders())
            .mapToObj(i -> sandbox.customerOrder("store-1", "order-" + i))
            .filter(record -> record != null && Long.valueOf(2).equals(record.version()))
            .count();
    checks.add(new Check("customer order PUTs sent", 2L * sizes.orders(), stats.sent()));
    checks.add(new Check("orders at their newest version in Hii Retail", sizes.orders(), latest));
  }

  private static CustomerOrder order(int i, int version) {
    return CustomerOrder.builder(
            "order-" + i,
            "customer-" + (i % 17),
            version == 1 ? CustomerOrderStatus.CREATED : CustomerOrderStatus.of("CONFIRMED"))
        .item(OrderItem.of("item-" + i, 1 + i % 3, new BigDecimal("19.90")))
        .invoicePaymentInstructions(
            new InvoicePaymentInstructions("account-" + i, new BigDecimal("19.90"), List.of()))
        .build();
  }

  // ------------------------------------------------------------------ output

  private void step(String number, String title) {
    out.println("[" + number + "] " + title);
  }

  private boolean summary() {
    out.println();
    out.println("summary");
    int width = checks.stream().mapToInt(c -> c.what().length()).max().orElse(10);
    out.printf("  %-" + width + "s  %9s  %9s  %s%n", "check", "expected", "actual", "");
    boolean all = true;
    for (Check check : checks) {
      out.printf(
          "  %-" + width + "s  %9d  %9d  %s%n",
          check.what(),
          check.expected(),
          check.actual(),
          check.ok() ? "ok" : "FAILED");
      all &= check.ok();
    }
    out.println();
    out.println(all ? "every check passed" : "some checks FAILED");
    out.flush();
    return all;
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static void awaitSize(List<?> list, int size, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
