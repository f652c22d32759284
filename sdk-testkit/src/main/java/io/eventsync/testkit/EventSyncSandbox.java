package io.eventsync.testkit;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import mockwebserver3.MockWebServer;
import org.jspecify.annotations.Nullable;

/**
 * A stateful, in-process emulator of the five event APIs on one port: the Tiki event queue, TikiNOW
 * webhook registration and signed deliveries, the Puro events log, the Wishlist Co. event collector
 * and Hii Retail customer orders, with their OAuth token endpoints, an admin surface under {@code
 * /_sandbox/} and fault injection.
 *
 * <pre>{@code
 * try (EventSyncSandbox sandbox = EventSyncSandbox.start()) {
 *   EventSyncClient client = sandbox.clientBuilder().build();
 *   sandbox.emitTikiEvents("ORDER_CREATED_SUCCESSFULLY", 10);
 *   ...
 * }
 * }</pre>
 *
 * <p>Fixed development credentials, accepted out of the box: the bearer token {@value #DEV_TOKEN}
 * (an in-house Tiki app whose seller is {@value #DEV_SELLER_ID}; valid on every API unless {@link
 * SandboxOptions#devTokenEnabled()} is off) and the OAuth client {@value #CLIENT_ID} / {@value
 * #CLIENT_SECRET} at each token endpoint.
 *
 * <h2>Admin surface</h2>
 *
 * <p>JSON in and out under {@code /_sandbox/}, no token, never faulted; each call mirrors a Java
 * method of this class:
 *
 * <ul>
 *   <li>{@code POST /_sandbox/tiki/events} {@code {"type", "seller_id"?, "payload"?, "count"?}}
 *   <li>{@code POST /_sandbox/tiki/sellers} {@code {"seller_id"}}: a seller token ({@link
 *       #mintSellerToken})
 *   <li>{@code POST /_sandbox/eventlog/rows} {@code {"count", "created_at"?, "same_timestamp"?,
 *       "event_type"?, "null_created_at"?}}
 *   <li>{@code POST /_sandbox/tikinow/orders}, {@code .../stock}, {@code .../aftersale}: a change
 *       and its webhook; {@code GET /_sandbox/tikinow/deliveries}: the attempts
 *   <li>{@code POST /_sandbox/faults} {@code {"chaos", "seed"}} or {@code {"path", "status",
 *       "times", "retry_after", "delay_ms", "kind"}}; {@code DELETE /_sandbox/faults}
 *   <li>{@code GET /_sandbox/stats}, {@code POST /_sandbox/reset}, {@code GET
 *       /_sandbox/hii/customer-orders/{businessUnitId}/{customerOrderId}}
 * </ul>
 *
 * <h2>Where the vendors are silent</h2>
 *
 * <ul>
 *   <li>Tiki: a pull answers at most {@link SandboxOptions#batchSize()} events from the first
 *       unacknowledged one; the {@code ack_id} of the last batch delivered, sent to the next pull
 *       or to {@code POST .../events/ack}, acknowledges it; any other {@code ack_id} acknowledges
 *       nothing. A seller's {@code sid} is the uppercase hex SHA-1 of its id. Errors are {@code
 *       {"error": CODE, "message": text}}.
 *   <li>Hii Retail: the stale-guard version is the {@code X-Event-Version} header (a non-negative
 *       integer); without it, PUTs apply in arrival order. Errors are RFC 7807 problem JSON, as for
 *       the events log and the collector.
 *   <li>Events log: {@code $limit} defaults to 100, at most 1000; rows sharing a {@code createdAt}
 *       keep append order.
 *   <li>Collector: cron schedules have 5 (Unix) or 6 (Spring/Quartz, seconds first) fields.
 * </ul>
 *
 * <p>Thread-safe: the server handles requests concurrently and the Java methods may be called from
 * any thread. {@link #close()} stops the server and the webhook delivery thread.
 */
public final class EventSyncSandbox implements AutoCloseable {
  /** The static dev bearer token. */
  public static final String DEV_TOKEN = TokenStore.DEV_TOKEN;

  /** The seller id of the dev token and of client-credentials Tiki tokens. */
  public static final String DEV_SELLER_ID = TokenStore.DEV_SELLER;

  /** The OAuth client id accepted by every token endpoint. */
  public static final String CLIENT_ID = TokenStore.CLIENT_ID;

  /** The OAuth client secret accepted by every token endpoint. */
  public static final String CLIENT_SECRET = TokenStore.CLIENT_SECRET;

  private final SandboxOptions options;
  private final Ids ids;
  private final StatsRecorder stats = new StatsRecorder();
  private final TokenStore tokens;
  private final SandboxFaults faults;
  private final TikiQueues queues;
  private final WebhookDeliverer deliverer;
  private final TikiNow tikiNow;
  private final EventLogStore eventLog;
  private final Collector collector;
  private final CustomerOrders customerOrders;
  private final MockWebServer server = new MockWebServer();
  private final String url;
  private volatile boolean closed;

  private EventSyncSandbox(SandboxOptions options) throws IOException {
    this.options = options;
    this.ids = new Ids(options.seed());
    this.tokens = new TokenStore(options.clock(), ids, options.devTokenEnabled());
    this.faults = new SandboxFaults(stats);
    this.queues =
        new TikiQueues(ids, options.clock(), options.batchSize(), options.maxQueues(), stats);
    this.deliverer =
        new WebhookDeliverer(
            options.deliveryRetryPolicy(), options.deliveryTimeout(), stats, options.clock());
    this.tikiNow = new TikiNow(deliverer, ids, options.clock());
    this.eventLog = new EventLogStore(options.seed());
    this.collector = new Collector(ids);
    this.customerOrders = new CustomerOrders(stats);
    Router router = new Router();
    new AuthHandler(tokens, options.tokenTtl()).routes(router);
    queues.routes(router);
    tikiNow.routes(router);
    new EventLogHandler(eventLog).routes(router);
    collector.routes(router);
    customerOrders.routes(router);
    new AdminHandler(this).routes(router);
    SandboxDispatcher dispatcher =
        new SandboxDispatcher(router, tokens, faults, stats, options.maxRequestBodyBytes());
    dispatcher.attach(server);
    server.setDispatcher(dispatcher);
    server.setBodyLimit(options.maxRequestBodyBytes());
    server.setServerSocketFactory(new SandboxServerSocketFactory(options.maxRequestBodyBytes()));
    try {
      server.start(options.port());
    } catch (IOException | RuntimeException e) {
      deliverer.close();
      throw e;
    }
    String base = server.url("/").toString();
    this.url = base.substring(0, base.length() - 1);
  }

  /** Starts a sandbox with {@link SandboxOptions#defaults()} on a free port. */
  public static EventSyncSandbox start() {
    return start(SandboxOptions.defaults());
  }

  /**
   * Starts a sandbox with these options.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static EventSyncSandbox start(SandboxOptions options) {
    Objects.requireNonNull(options, "options == null");
    try {
      return new EventSyncSandbox(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox on port " + options.port(), e);
    }
  }

  /**
   * Runs the sandbox alone until the process is stopped: prints its {@link #banner()}. Options:
   * {@code --port N}, {@code --seed S}, {@code --max-queues N}, {@code --max-body-bytes N}, {@code
   * --max-emit-bytes N} ({@code --help} prints them).
   */
  public static void main(String[] args) throws InterruptedException {
    SandboxCli.main(args);
  }

  /** The base URL of every API, without a trailing slash, e.g. {@code http://localhost:53124}. */
  public String url() {
    return url;
  }

  /** The port the sandbox listens on. */
  public int port() {
    return server.getPort();
  }

  /**
   * What a sandbox run from the command line prints first: {@code eventsync sandbox listening on
   * <url>}, then the dev token (if {@linkplain SandboxOptions#devTokenEnabled() enabled}), the
   * OAuth client and the three token endpoints, and the admin surface. Lines end with {@code \n};
   * the last has none.
   */
  public String banner() {
    StringBuilder b = new StringBuilder();
    b.append("eventsync sandbox listening on ").append(url).append('\n');
    if (options.devTokenEnabled()) {
      b.append("  bearer token:  ")
          .append(DEV_TOKEN)
          .append(" (in-house Tiki app, seller ")
          .append(DEV_SELLER_ID)
          .append("), valid on every API\n");
    }
    b.append("  OAuth client:  ")
        .append(CLIENT_ID)
        .append(" / ")
        .append(CLIENT_SECRET)
        .append(" at the token endpoints\n");
    b.append("    Tiki:          ").append(url).append("/sc/oauth2/token\n");
    b.append("    Hii Retail:    ")
        .append(url)
        .append("/oauth2/token (audience=")
        .append(AuthHandler.HII_AUDIENCE)
        .append(")\n");
    b.append("    Wishlist Co.:  ")
        .append(url)
        .append("/auth/realms/{tenant}/protocol/openid-connect/token\n");
    b.append("  admin:         ")
        .append(url)
        .append("/_sandbox/ (GET /_sandbox/stats, POST /_sandbox/reset, ...)");
    return b.toString();
  }

  /** The options this sandbox was started with. */
  public SandboxOptions options() {
    return options;
  }

  /**
   * Returns a client builder pointed at this sandbox for every API, with the dev token {@value
   * #DEV_TOKEN} as credentials.
   */
  public EventSyncClient.Builder clientBuilder() {
    return EventSyncClient.builder().baseUrl(url).credentials(Credentials.bearer(DEV_TOKEN));
  }

  // ---------------------------------------------------------------- Tiki event queue

  /**
   * Emits {@code count} Tiki events of {@code type} for seller {@code sellerId} and routes each to
   * every queue with an active subscription of that type for that seller.
   *
   * @param payload the payload of every event, or null for a generated payload of the documented
   *     shape of {@code type}; the events share one unmodifiable copy of it
   * @return the emitted events as JSON maps ({@code id}, {@code sid}, {@code created_at}, {@code
   *     type}, {@code version}, {@code payload}), in order
   * @throws IllegalArgumentException if {@code count} times the payload's JSON size exceeds {@link
   *     SandboxOptions#maxEmitBytes()}
   */
  public List<Map<String, Object>> emitTikiEvents(
      String type, String sellerId, @Nullable Map<String, ?> payload, int count) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(sellerId, "sellerId == null");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    try {
      return emit(type, sellerId, payload, count);
    } catch (SandboxError e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * Emits events as {@link #emitTikiEvents(String, String, Map, int)} does; an emit over {@link
   * SandboxOptions#maxEmitBytes()} is a 413.
   */
  List<Map<String, Object>> emit(
      String type, String sellerId, @Nullable Map<String, ?> payload, int count) {
    Map<String, Object> shared = null;
    if (payload != null) {
      byte[] json = JsonCodec.write(payload).getBytes(StandardCharsets.UTF_8);
      if ((long) count * json.length > options.maxEmitBytes()) {
        throw new SandboxError(
            413,
            "EMIT_TOO_LARGE",
            "count x payload size = "
                + count
                + " x "
                + json.length
                + " bytes exceeds the emit limit of "
                + options.maxEmitBytes()
                + " bytes; emit fewer events (count) or a smaller payload, or raise"
                + " SandboxOptions.Builder.maxEmitBytes (--max-emit-bytes on the command line)");
      }
      shared = JsonCodec.unmodifiable(JsonCodec.parse(json));
    }
    List<Map<String, Object>> copies = new ArrayList<>();
    for (Map<String, Object> event : queues.emit(type, sellerId, shared, count)) {
      if (shared == null) {
        copies.add(normalize(event));
      } else {
        // One payload for all: a JSON round trip of each event would copy it count times.
        Map<String, Object> head = new LinkedHashMap<>(event);
        head.remove("payload");
        Map<String, Object> copy = normalize(head);
        copy.put("payload", shared);
        copies.add(copy);
      }
    }
    return copies;
  }

  /**
   * Emits {@code count} events of {@code type} with generated payloads for {@value #DEV_SELLER_ID}.
   */
  public List<Map<String, Object>> emitTikiEvents(String type, int count) {
    return emitTikiEvents(type, DEV_SELLER_ID, null, count);
  }

  /**
   * Mints a Tiki seller token (as if the seller authorized the app): subscriptions created with it
   * carry the seller's {@code sid}. It never expires and cannot create queues.
   */
  public String mintSellerToken(String sellerId) {
    Objects.requireNonNull(sellerId, "sellerId == null");
    if (sellerId.isBlank()) {
      throw new IllegalArgumentException("sellerId is blank");
    }
    return tokens.issue(
        new TokenStore.Principal(TokenStore.Kind.TIKI_SELLER, sellerId, null), null);
  }

  /**
   * Revokes a token the sandbox issued (a seller who disconnected the app, a rotated secret): every
   * call with it is answered 401 {@code INVALID_TOKEN} from now on.
   *
   * @return true if the token was live; false if the sandbox never issued it, or it expired or was
   *     revoked already (the built-in dev token cannot be revoked)
   */
  public boolean revokeToken(String token) {
    return tokens.revoke(Objects.requireNonNull(token, "token == null"));
  }

  /** The Tiki {@code sid} of a seller: 40 uppercase hex characters, the SHA-1 of its id. */
  public static String sid(String sellerId) {
    return Ids.sid(sellerId);
  }

  /** The number of unacknowledged events in a queue, or -1 if there is no such queue. */
  public int unacknowledgedEvents(String queueCode) {
    return queues.unacknowledged(queueCode);
  }

  // ---------------------------------------------------------------- events log

  /**
   * Appends {@code count} rows of {@code eventType} to the events log: row {@code i} at {@code
   * createdAt + i} milliseconds, or all at {@code createdAt} when {@code sameTimestamp}.
   *
   * @param createdAt the first row's {@code createdAt}, or null for rows without one (no {@code
   *     createdAt} filter ever matches those)
   * @return the number of rows in the log afterwards
   */
  public long appendLogRows(
      int count, @Nullable Instant createdAt, boolean sameTimestamp, String eventType) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (createdAt != null && !inLogRange(createdAt)) {
      throw new IllegalArgumentException(
          "createdAt must be within "
              + Instant.EPOCH
              + ".."
              + MAX_LOG_CREATED_AT
              + ": "
              + createdAt);
    }
    eventLog.append(
        count,
        createdAt == null ? null : createdAt.toEpochMilli(),
        sameTimestamp,
        Objects.requireNonNull(eventType, "eventType == null"));
    return eventLog.size();
  }

  /**
   * Appends {@code count} {@code TRANSACTION_STATUS_CHANGE} rows 1 ms apart, from now or just after
   * the newest row, whichever is later.
   */
  public long appendLogRows(int count) {
    return appendLogRows(count, nextLogCreatedAt(), false, EventLogStore.DEFAULT_TYPE);
  }

  /** The latest {@code createdAt} of a log row: the end of year 9999, as ISO-8601 can write it. */
  static final Instant MAX_LOG_CREATED_AT = Instant.parse("9999-12-31T23:59:59.999Z");

  /** Whether {@code createdAt} is within 1970..9999, where log rows may be. */
  static boolean inLogRange(Instant createdAt) {
    return !createdAt.isBefore(Instant.EPOCH) && !createdAt.isAfter(MAX_LOG_CREATED_AT);
  }

  /**
   * Now, or just after the newest row of the events log if that is later: appends stay in order.
   */
  Instant nextLogCreatedAt() {
    return Instant.ofEpochMilli(eventLog.nextCreatedAtMillis(options.clock().millis()));
  }

  // ---------------------------------------------------------------- TikiNOW

  /**
   * Changes a TikiNOW order's status and delivers the signed order webhook to the registered URL
   * (asynchronously). Fields, all optional: {@code order_code}, {@code ref_code}, {@code
   * main_state} (default {@code processing}), {@code main_substate}, {@code reason}, {@code
   * reason_code}, {@code extra_info}.
   *
   * @return {@code delivery_id}, {@code hook}, {@code url} and the {@code body} sent
   * @throws IllegalStateException if no order webhook is registered
   */
  public Map<String, Object> tikiNowOrderChange(Map<String, ?> change) {
    return viaJava(() -> tikiNow.orderChange(fields(change)));
  }

  /**
   * Changes a stock level and delivers the stock webhook. Fields, all optional: {@code sku}, {@code
   * warehouse}, {@code qty_salable}, {@code seller_product_code}.
   *
   * @return {@code delivery_id}, {@code hook}, {@code url} and the {@code body} sent
   * @throws IllegalStateException if no stock webhook is registered
   */
  public Map<String, Object> tikiNowStockChange(Map<String, ?> change) {
    return viaJava(() -> tikiNow.stockChange(fields(change)));
  }

  /**
   * Changes an aftersale (FD/CR) request and delivers the aftersale webhook. Fields, all optional:
   * {@code ref_code}, {@code order_code}, {@code status}, {@code type} ({@code fd} or {@code cr}).
   *
   * @return {@code delivery_id}, {@code hook}, {@code url} and the {@code body} sent
   * @throws IllegalStateException if no aftersale webhook is registered
   */
  public Map<String, Object> tikiNowAftersaleChange(Map<String, ?> change) {
    return viaJava(() -> tikiNow.aftersaleChange(fields(change)));
  }

  /** Every recorded webhook delivery attempt (the last 10,000), oldest first. */
  public List<DeliveryAttempt> deliveryAttempts() {
    return deliverer.attempts();
  }

  /**
   * Waits until no webhook delivery is pending or waiting for a retry.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
    return deliverer.awaitIdle(timeout);
  }

  // ---------------------------------------------------------------- collector, orders

  /** A copy of a collector job of {@code tenant} (deleted ones included), or null. */
  public @Nullable Map<String, Object> collectorJob(String tenant, String jobId) {
    return collector.job(tenant, jobId);
  }

  /** The state of a Hii Retail customer order, or null if no PUT for it was processed. */
  public @Nullable CustomerOrderRecord customerOrder(
      String businessUnitId, String customerOrderId) {
    return customerOrders.order(businessUnitId, customerOrderId);
  }

  // ---------------------------------------------------------------- faults, stats, reset

  /** The fault injector: scripted faults and chaos. */
  public SandboxFaults faults() {
    return faults;
  }

  /** Shortcut for {@code faults().chaos(probability, seed)}. */
  public void chaos(double probability, long seed) {
    faults.chaos(probability, seed);
  }

  /** A snapshot of the counters. */
  public SandboxStats stats() {
    return stats.snapshot(eventLog.size());
  }

  /**
   * Forgets all state: queues, events, log rows, registrations, recorded deliveries, collector
   * data, customer orders, issued tokens (the dev token stays), faults and counters. The id
   * sequence starts again from the seed.
   */
  public void reset() {
    faults.clear();
    queues.reset();
    tikiNow.reset();
    deliverer.reset();
    eventLog.reset();
    collector.reset();
    customerOrders.reset();
    tokens.reset();
    stats.reset();
    ids.reset();
  }

  /** Stops the server and the webhook delivery thread. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    deliverer.close();
    server.close();
  }

  @Override
  public String toString() {
    return "EventSyncSandbox[" + url + "]";
  }

  // ---------------------------------------------------------------- package-private

  TikiNow tikiNow() {
    return tikiNow;
  }

  /** The underlying server, for the sandbox's own tests. */
  MockWebServer server() {
    return server;
  }

  /** Normalizes a Java map to the JSON model (integers become longs) by a JSON round trip. */
  static Map<String, Object> normalize(Map<String, ?> map) {
    Object parsed = JsonCodec.parse(JsonCodec.write(map).getBytes(StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) parsed;
    return result;
  }

  private static JsonFields fields(Map<String, ?> change) {
    return JsonFields.of(normalize(change == null ? Collections.emptyMap() : change), "");
  }

  private interface Action {
    Map<String, Object> run();
  }

  /** Runs an admin action for a Java caller: a sandbox error becomes a Java exception. */
  private static Map<String, Object> viaJava(Action action) {
    try {
      return new LinkedHashMap<>(action.run());
    } catch (SandboxError e) {
      if (e.status() == 409) {
        throw new IllegalStateException(e.getMessage());
      }
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
