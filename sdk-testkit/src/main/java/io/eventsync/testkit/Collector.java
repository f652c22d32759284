package io.eventsync.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * The Wishlist Co. event collector (wire-reference §4): events, event subscriptions and
 * notification jobs, per tenant ({@code X-TWC-Tenant}, required; tenants never see each other's
 * data). Served under {@code /api/v1/...} and under {@code /services/eventcollector/api/v1/...}.
 * Errors are RFC 7807 problem JSON. Guarded by this object's monitor.
 */
final class Collector {
  static final List<String> OPERATIONS =
      List.of("CREATE", "BULK_UPDATE", "BULK_CREATE", "READ", "DELETE", "UPDATE");
  static final List<String> SOURCES = List.of("SYSTEM", "CONNECTOR", "APPLICATION", "SERVERLESS");
  static final List<String> ENTITY_TYPES =
      List.of(
          "CUSTOMER",
          "INVENTORY_LEVEL",
          "INVENTORY_LOCATION",
          "ORDER",
          "PRICE",
          "PRODUCT",
          "VARIANT_PRODUCT",
          "WISHLIST");
  static final List<String> NOTIFICATIONS =
      List.of("REMINDER", "PRICE_DROP", "LOW_STOCK", "BACK_IN_STOCK");

  private static final class Tenant {
    final Map<String, Map<String, Object>> events = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> subscriptions = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
  }

  private final Map<String, Tenant> tenants = new HashMap<>();
  private final Ids ids;

  Collector(Ids ids) {
    this.ids = ids;
  }

  void routes(Router r) {
    for (String prefix : List.of("", "/services/eventcollector")) {
      String base = prefix + "/api/v1";
      Api api = Api.COLLECTOR;
      TokenStore.Scope scope = TokenStore.Scope.COLLECTOR;
      r.add("POST", base + "/events", api, scope, this::createEvent);
      r.add("GET", base + "/events/{id}", api, scope, req -> get(req, t -> t.events, "event"));
      r.add("POST", base + "/event-subscription", api, scope, this::createSubscription);
      r.add("PUT", base + "/event-subscription", api, scope, this::updateSubscription);
      r.add("GET", base + "/event-subscription", api, scope, this::listSubscriptions);
      r.add(
          "GET",
          base + "/event-subscription/{id}",
          api,
          scope,
          req -> get(req, t -> t.subscriptions, "subscription"));
      r.add("PUT", base + "/event-subscription/{id}/deactivate", api, scope, this::deactivate);
      r.add("POST", base + "/jobs", api, scope, this::createJob);
      r.add("PUT", base + "/jobs/{id}", api, scope, this::updateJob);
      r.add("POST", base + "/jobs/{id}", api, scope, this::deleteJob);
    }
  }

  synchronized void reset() {
    tenants.clear();
  }

  private interface Section {
    Map<String, Map<String, Object>> of(Tenant tenant);
  }

  private Tenant tenant(SandboxRequest req) {
    String tenant = req.header("X-TWC-Tenant");
    if (tenant == null || tenant.isBlank()) {
      throw SandboxError.badRequest("the X-TWC-Tenant header is required");
    }
    return tenants.computeIfAbsent(tenant, t -> new Tenant());
  }

  private static Map<String, Object> find(
      Map<String, Map<String, Object>> section, String id, String what) {
    Map<String, Object> found = section.get(id);
    if (found == null) {
      throw SandboxError.notFound(what + " " + id + " does not exist");
    }
    return found;
  }

  private synchronized MockResponse get(SandboxRequest req, Section section, String what) {
    String id = req.param("id");
    return Responses.json(200, find(section.of(tenant(req)), id, what));
  }

  private MockResponse createEvent(SandboxRequest req) {
    JsonFields body = req.json();
    body.string("entity_id");
    body.string("event_type");
    body.oneOf("event_source", SOURCES);
    if (body.has("event_payload")) {
      JsonFields payload = body.object("event_payload");
      if (payload.has("operation")) {
        payload.oneOf("operation", OPERATIONS);
      }
      if (payload.has("key_attributes")) {
        payload.object("key_attributes");
      }
    }
    Map<String, Object> event = new LinkedHashMap<>();
    synchronized (this) {
      Tenant tenant = tenant(req);
      event.put("id", ids.uuid());
      body.asMap().forEach((k, v) -> event.putIfAbsent(k, v));
      tenant.events.put((String) event.get("id"), event);
    }
    return Responses.json(201, event);
  }

  private static Map<String, Object> subscription(JsonFields body, String id) {
    String entityType = body.oneOf("entityType", ENTITY_TYPES);
    JsonFields destination = body.object("destination");
    destination.string("type");
    if (destination.has("sqs")) {
      destination.object("sqs");
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("id", id);
    s.put("active", body.optBool("active", true));
    s.put("entityType", entityType);
    s.put("subscribeCreate", body.optBool("subscribeCreate", false));
    s.put("subscribeChange", body.optBool("subscribeChange", false));
    s.put("subscribeDelete", body.optBool("subscribeDelete", false));
    s.put("destination", destination.asMap());
    return s;
  }

  private MockResponse createSubscription(SandboxRequest req) {
    JsonFields body = req.json();
    synchronized (this) {
      Tenant tenant = tenant(req);
      Map<String, Object> s = subscription(body, ids.uuid());
      tenant.subscriptions.put((String) s.get("id"), s);
      return Responses.json(201, s);
    }
  }

  private MockResponse updateSubscription(SandboxRequest req) {
    JsonFields body = req.json();
    String id = body.string("id");
    synchronized (this) {
      Tenant tenant = tenant(req);
      find(tenant.subscriptions, id, "subscription");
      Map<String, Object> s = subscription(body, id);
      tenant.subscriptions.put(id, s);
      return Responses.json(201, s);
    }
  }

  private synchronized MockResponse listSubscriptions(SandboxRequest req) {
    List<Object> active = new ArrayList<>();
    for (Map<String, Object> s : tenant(req).subscriptions.values()) {
      if (Boolean.TRUE.equals(s.get("active"))) {
        active.add(s);
      }
    }
    return Responses.json(200, active);
  }

  private synchronized MockResponse deactivate(SandboxRequest req) {
    find(tenant(req).subscriptions, req.param("id"), "subscription").put("active", false);
    Map<String, Object> wrapper = new LinkedHashMap<>();
    wrapper.put("body", Map.of());
    wrapper.put("statusCode", "ACCEPTED");
    wrapper.put("statusCodeValue", 0);
    return Responses.json(200, wrapper);
  }

  private static Map<String, Object> job(JsonFields body, String id) {
    String notification = body.oneOf("notification", NOTIFICATIONS);
    String schedule = body.string("schedule");
    cron(body, "schedule", schedule);
    if (body.has("scheduleExpression")) {
      cron(body, "scheduleExpression", body.string("scheduleExpression"));
    }
    long items = body.optLong("number_of_items_in_email", -1);
    if (items < -1) {
      throw SandboxError.badRequest(
          "number_of_items_in_email must be -1 (whole wishlist) or more: " + items);
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("deleted", false);
    job.put("is_active", body.optBool("is_active", true));
    job.put("is_scheduled", body.optBool("is_scheduled", true));
    job.put(
        "job_parameters",
        body.has("job_parameters") ? body.object("job_parameters").asMap() : Map.of());
    job.put("notification", notification);
    job.put("number_of_items_in_email", items);
    job.put("schedule", schedule);
    if (body.has("scheduleExpression")) {
      job.put("scheduleExpression", body.string("scheduleExpression"));
    }
    job.put("template_id", body.string("template_id"));
    return job;
  }

  private static void cron(JsonFields body, String field, String expression) {
    String problem = CronValidator.problem(expression);
    if (problem != null) {
      throw SandboxError.badRequest(
          body.pathOf(field) + " is not a valid cron expression: " + problem);
    }
  }

  private MockResponse createJob(SandboxRequest req) {
    JsonFields body = req.json();
    synchronized (this) {
      Tenant tenant = tenant(req);
      Map<String, Object> job = job(body, ids.uuid());
      tenant.jobs.put((String) job.get("id"), job);
      return Responses.json(201, job);
    }
  }

  private MockResponse updateJob(SandboxRequest req) {
    String id = req.param("id");
    JsonFields body = req.json();
    if (body.has("id") && !id.equals(body.string("id"))) {
      throw SandboxError.badRequest("a job's id cannot change: " + body.string("id"));
    }
    synchronized (this) {
      Tenant tenant = tenant(req);
      Map<String, Object> existing = find(tenant.jobs, id, "job");
      if (Boolean.TRUE.equals(existing.get("deleted"))) {
        throw SandboxError.notFound("job " + id + " was deleted");
      }
      Map<String, Object> job = job(body, id);
      tenant.jobs.put(id, job);
      return Responses.json(200, job);
    }
  }

  private synchronized MockResponse deleteJob(SandboxRequest req) {
    find(tenant(req).jobs, req.param("id"), "job").put("deleted", true);
    return Responses.empty(204);
  }

  /** A copy of a tenant's job, or null: for assertions. */
  synchronized @Nullable Map<String, Object> job(String tenant, String id) {
    Tenant t = tenants.get(tenant);
    Map<String, Object> job = t == null ? null : t.jobs.get(id);
    return job == null ? null : new LinkedHashMap<>(job);
  }
}
