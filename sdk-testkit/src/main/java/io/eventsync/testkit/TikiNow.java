package io.eventsync.testkit;

import io.eventsync.auth.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/**
 * TikiNOW Smart Logistics (wire-reference §2): {@code POST /business/v1/register-webhooks} with the
 * documented validation and envelopes, and order-status, stock and aftersale changes that produce
 * signed {@code {"data": {...}}} webhooks to the registered URLs.
 *
 * <p>Registering again replaces the previous registration. Guarded by this object's monitor.
 */
final class TikiNow {
  static final List<String> HOOKS = List.of("order", "stock", "aftersale");
  private static final ZoneOffset TIKI_ZONE = ZoneOffset.ofHours(7);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static final class Hook {
    final String url;
    final WebhookSecret secret;

    Hook(String url, WebhookSecret secret) {
      this.url = url;
      this.secret = secret;
    }
  }

  private final Map<String, Hook> hooks = new LinkedHashMap<>();
  private final List<String> locations = new ArrayList<>();
  private String partnerId;
  private final WebhookDeliverer deliverer;
  private final Ids ids;
  private final Clock clock;

  TikiNow(WebhookDeliverer deliverer, Ids ids, Clock clock) {
    this.deliverer = deliverer;
    this.ids = ids;
    this.clock = clock;
  }

  void routes(Router r) {
    r.add(
        "POST",
        "/business/v1/register-webhooks",
        Api.TIKINOW,
        TokenStore.Scope.TIKI,
        this::register);
  }

  synchronized void reset() {
    hooks.clear();
    locations.clear();
    partnerId = null;
  }

  private MockResponse register(SandboxRequest req) {
    JsonFields body = req.json();
    List<?> locationList = body.array("sync_inventory_location");
    if (locationList.isEmpty()) {
      throw SandboxError.badRequest("sync_inventory_location must not be empty");
    }
    List<String> newLocations = new ArrayList<>();
    for (int i = 0; i < locationList.size(); i++) {
      Object location = locationList.get(i);
      if (!(location instanceof String) || ((String) location).isBlank()) {
        throw SandboxError.badRequest(
            "sync_inventory_location[" + i + "] must be a non-blank warehouse code");
      }
      newLocations.add((String) location);
    }
    JsonFields webhooks = body.object("sync_webhook");
    Map<String, Hook> newHooks = new LinkedHashMap<>();
    for (String name : HOOKS) {
      if (name.equals("order") || webhooks.has(name)) {
        newHooks.put(name, hook(webhooks.object(name)));
      }
    }
    String newPartnerId =
        body.has("external_partner_id") ? body.string("external_partner_id") : null;
    synchronized (this) {
      hooks.clear();
      hooks.putAll(newHooks);
      locations.clear();
      locations.addAll(newLocations);
      partnerId = newPartnerId;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("meta_data", Map.of("request_id", Ids.requestId()));
    return Responses.json(200, out);
  }

  private static Hook hook(JsonFields hook) {
    String url = hook.string("url");
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw SandboxError.badRequest(hook.pathOf("url") + " must be a valid http(s) URL: " + url);
    }
    String secretKey = hook.string("secret_key");
    try {
      return new Hook(parsed.toString(), WebhookSecret.of(secretKey));
    } catch (IllegalArgumentException e) {
      throw SandboxError.badRequest(
          hook.pathOf("secret_key") + " must be exactly 32 printable characters");
    }
  }

  private String now() {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(TIKI_ZONE)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DATE);
  }

  private String digits(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(ids.nextInt(10));
    }
    return out.toString();
  }

  /** Changes an order's status and delivers the order webhook; returns what was sent. */
  Map<String, Object> orderChange(JsonFields change) {
    String state = change.optString("main_state", "processing");
    String substate =
        change.optString("main_substate", state.equals("processing") ? "ready_for_pickup" : null);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("date", now());
    data.put("ref_code", change.optString("ref_code", "EXT" + digits(6)));
    data.put("order_code", change.optString("order_code", digits(9)));
    data.put("main_state", state);
    if (substate != null) {
      data.put("main_substate", substate);
    }
    if (state.equals("shipping") && substate != null && substate.matches("delivery_failed_[123]")) {
      data.put("reason", change.optString("reason", "Receiver asked to deliver another day"));
      data.put("reason_code", change.optString("reason_code", "receiver_reschedule"));
    }
    if (state.equals("canceled")) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("cancel_reason_code", "202");
      extra.put("cancel_reason", "Customer canceled the order");
      data.put(
          "extra_info", change.has("extra_info") ? change.object("extra_info").asMap() : extra);
    }
    return send("order", data);
  }

  /** Changes a stock level and delivers the stock webhook; returns what was sent. */
  Map<String, Object> stockChange(JsonFields change) {
    Map<String, Object> data = new LinkedHashMap<>();
    String defaultWarehouse;
    String partner;
    synchronized (this) {
      defaultWarehouse = locations.isEmpty() ? "sgn" : locations.get(0);
      partner = partnerId;
    }
    data.put("date", now());
    data.put("sku", change.optString("sku", digits(10)));
    data.put("warehouse", change.optString("warehouse", defaultWarehouse));
    data.put("qty_salable", change.optLong("qty_salable", ids.nextInt(500)));
    data.put("seller_product_code", change.optString("seller_product_code", "SPC-" + digits(6)));
    if (partner != null) {
      data.put("partner_id", partner);
    }
    return send("stock", data);
  }

  /** An aftersale (FD/CR) status change; delivers the aftersale webhook; returns what was sent. */
  Map<String, Object> aftersaleChange(JsonFields change) {
    String type = change.has("type") ? change.oneOf("type", List.of("fd", "cr")) : "cr";
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("date", now());
    data.put("ref_code", change.optString("ref_code", type.toUpperCase(Locale.ROOT) + digits(11)));
    data.put("order_code", change.optString("order_code", digits(9)));
    data.put("status", change.optString("status", "canceled"));
    data.put("type", type);
    return send("aftersale", data);
  }

  private Map<String, Object> send(String hookName, Map<String, Object> data) {
    Hook hook;
    synchronized (this) {
      hook = hooks.get(hookName);
    }
    if (hook == null) {
      throw new SandboxError(
          409,
          "NO_WEBHOOK",
          "no " + hookName + " webhook is registered: POST /business/v1/register-webhooks first");
    }
    Map<String, Object> payload = Map.of("data", data);
    String json = JsonCodec.write(payload);
    long id =
        deliverer.deliver(hookName, hook.url, hook.secret, json.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("delivery_id", id);
    out.put("hook", hookName);
    out.put("url", hook.url);
    out.put("body", payload);
    return out;
  }
}
