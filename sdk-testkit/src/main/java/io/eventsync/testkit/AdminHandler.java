package io.eventsync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * The admin surface under {@code /_sandbox/} (design.md's table): JSON in, JSON out, no token,
 * never faulted. Each call delegates to the same Java method a test would call.
 */
final class AdminHandler {
  private static final int MAX_EMIT = 100_000;
  private static final int MAX_ROWS = 10_000_000;
  private static final String BASE = "/_sandbox";

  private final EventSyncSandbox sandbox;

  AdminHandler(EventSyncSandbox sandbox) {
    this.sandbox = sandbox;
  }

  void routes(Router r) {
    add(r, "POST", "/tiki/events", this::emitTikiEvents);
    add(r, "POST", "/tiki/sellers", this::mintSellerToken);
    add(r, "POST", "/eventlog/rows", this::appendRows);
    add(
        r,
        "POST",
        "/tikinow/orders",
        req -> Responses.json(200, sandbox.tikiNow().orderChange(req.jsonOrEmpty())));
    add(
        r,
        "POST",
        "/tikinow/stock",
        req -> Responses.json(200, sandbox.tikiNow().stockChange(req.jsonOrEmpty())));
    add(
        r,
        "POST",
        "/tikinow/aftersale",
        req -> Responses.json(200, sandbox.tikiNow().aftersaleChange(req.jsonOrEmpty())));
    add(r, "GET", "/tikinow/deliveries", this::deliveries);
    add(r, "POST", "/faults", this::setFaults);
    add(
        r,
        "DELETE",
        "/faults",
        req -> {
          sandbox.faults().clear();
          return Responses.json(200, Map.of("cleared", true));
        });
    add(r, "GET", "/stats", req -> Responses.json(200, StatsRecorder.toJson(sandbox.stats())));
    add(
        r,
        "POST",
        "/reset",
        req -> {
          sandbox.reset();
          return Responses.json(200, Map.of("reset", true));
        });
    add(r, "GET", "/hii/customer-orders/{businessUnitId}/{customerOrderId}", this::customerOrder);
  }

  private static void add(Router r, String method, String path, Router.Handler handler) {
    r.add(method, BASE + path, Api.ADMIN, TokenStore.Scope.NONE, handler);
  }

  private static int count(JsonFields body, boolean required, int max) {
    long count = required ? body.longValue("count") : body.optLong("count", 1);
    if (count < 1 || count > max) {
      throw SandboxError.badRequest("count must be between 1 and " + max + ": " + count);
    }
    return (int) count;
  }

  private MockResponse emitTikiEvents(SandboxRequest req) {
    JsonFields body = req.json();
    String type = body.string("type");
    String seller = body.optString("seller_id", EventSyncSandbox.DEV_SELLER_ID);
    Map<String, Object> payload = body.has("payload") ? body.object("payload").asMap() : null;
    int count = count(body, false, MAX_EMIT);
    List<Map<String, Object>> events = sandbox.emit(type, seller, payload, count);
    List<Object> eventIds = new ArrayList<>();
    events.forEach(e -> eventIds.add(e.get("id")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("emitted", events.size());
    out.put("sid", EventSyncSandbox.sid(seller));
    out.put("event_ids", eventIds);
    return Responses.json(200, out);
  }

  private MockResponse mintSellerToken(SandboxRequest req) {
    String seller = req.json().string("seller_id");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", sandbox.mintSellerToken(seller));
    out.put("token_type", "Bearer");
    out.put("seller_id", seller);
    out.put("sid", EventSyncSandbox.sid(seller));
    return Responses.json(200, out);
  }

  private MockResponse appendRows(SandboxRequest req) {
    JsonFields body = req.json();
    int count = count(body, true, MAX_ROWS);
    Instant createdAt = sandbox.nextLogCreatedAt();
    if (body.has("created_at")) {
      String text = body.string("created_at");
      createdAt = EventLogHandler.parseInstant(text, "created_at");
      if (!EventSyncSandbox.inLogRange(createdAt)) {
        throw SandboxError.badRequest(
            "created_at must be within "
                + Instant.EPOCH
                + ".."
                + EventSyncSandbox.MAX_LOG_CREATED_AT
                + ": "
                + text);
      }
    }
    boolean nullCreatedAt = body.optBool("null_created_at", false);
    long total =
        sandbox.appendLogRows(
            count,
            nullCreatedAt ? null : createdAt,
            body.optBool("same_timestamp", false),
            body.optString("event_type", EventLogStore.DEFAULT_TYPE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("appended", count);
    out.put("total_rows", total);
    return Responses.json(200, out);
  }

  private MockResponse deliveries(SandboxRequest req) {
    List<Object> out = new ArrayList<>();
    for (DeliveryAttempt a : sandbox.deliveryAttempts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("delivery_id", a.deliveryId());
      m.put("hook", a.hook());
      m.put("url", a.url());
      m.put("attempt", a.attempt());
      m.put("status", a.status());
      m.put("error", a.error());
      m.put("at", a.at().toString());
      out.add(m);
    }
    return Responses.json(200, out);
  }

  private MockResponse setFaults(SandboxRequest req) {
    JsonFields body = req.json();
    if (body.has("chaos")) {
      double probability = body.number("chaos").doubleValue();
      if (!(probability >= 0 && probability <= 1)) {
        throw SandboxError.badRequest("chaos must be a probability within [0, 1]: " + probability);
      }
      sandbox.chaos(probability, body.optLong("seed", SandboxOptions.DEFAULT_SEED));
      return Responses.json(200, Map.of("chaos", probability));
    }
    long times = body.optLong("times", 1);
    if (times < 1 || times > Integer.MAX_VALUE) {
      throw SandboxError.badRequest("times must be at least 1: " + times);
    }
    SandboxFaults.Rule rule =
        sandbox.faults().next((int) times).onPath(body.optString("path", "/"));
    if (body.has("status")) {
      long status = body.longValue("status");
      if (status < 100 || status > 599) {
        throw SandboxError.badRequest("status must be within 100..599: " + status);
      }
      rule.status((int) status);
    }
    if (body.has("retry_after")) {
      rule.retryAfter(Duration.ofSeconds(nonNegative(body, "retry_after")));
    }
    if (body.has("delay_ms")) {
      rule.delay(Duration.ofMillis(nonNegative(body, "delay_ms")));
    }
    if (body.has("kind")) {
      String kind = body.oneOf("kind", List.of("drop", "truncate", "malformed"));
      rule.kind(SandboxFaults.Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
    }
    try {
      rule.install();
    } catch (IllegalStateException e) {
      throw SandboxError.badRequest(
          "a fault needs chaos, or a status, a kind or delay_ms (with path and times)");
    }
    return Responses.json(200, Map.of("installed", true));
  }

  private static long nonNegative(JsonFields body, String field) {
    long value = body.longValue(field);
    if (value < 0) {
      throw SandboxError.badRequest(field + " must not be negative: " + value);
    }
    return value;
  }

  private MockResponse customerOrder(SandboxRequest req) {
    CustomerOrderRecord order =
        sandbox.customerOrder(req.param("businessUnitId"), req.param("customerOrderId"));
    if (order == null) {
      throw SandboxError.notFound("no customer order " + req.param("customerOrderId"));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("businessUnitId", order.businessUnitId());
    out.put("customerOrder", order.customerOrder());
    out.put("version", order.version());
    out.put("updates", order.updates());
    out.put("stale_ignored", order.staleIgnored());
    return Responses.json(200, out);
  }
}
