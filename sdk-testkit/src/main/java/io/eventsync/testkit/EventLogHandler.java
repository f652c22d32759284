package io.eventsync.testkit;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * {@code GET /saleschannel-services/v1/events} (wire-reference §5): {@code $limit} (default {@value
 * #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}), {@code $orderBy} on {@code createdAt} ({@code asc}
 * by default) and {@code $filter} on {@code createdAt} with {@code gt}, {@code gte}, {@code lt},
 * {@code lte}, in either encoding: deep-object ({@code $filter[createdAt][gte]=...}, {@code
 * $orderBy[createdAt]=asc}) or JSON text ({@code $filter={"createdAt":{"gte":"..."}}}).
 */
final class EventLogHandler {
  static final int DEFAULT_LIMIT = 100;

  /**
   * Puro documents no maximum; the SDK asks for up to {@code EventLogQuery.MAX_TIED_ROWS +
   * MAX_LIMIT} rows while it reads past rows that share one createdAt (a page is built in memory:
   * the widest is about 25 MB of JSON).
   */
  static final int MAX_LIMIT = 101_000;

  private static final String FIELD = "createdAt";
  private static final Pattern DEEP_FILTER =
      Pattern.compile("\\$filter\\[([^\\]]*)\\]\\[([^\\]]*)\\]");
  private static final Pattern DEEP_ORDER = Pattern.compile("\\$orderBy\\[([^\\]]*)\\]");

  private final EventLogStore store;

  EventLogHandler(EventLogStore store) {
    this.store = store;
  }

  void routes(Router r) {
    r.add(
        "GET", "/saleschannel-services/v1/events", Api.EVENT_LOG, TokenStore.Scope.ANY, this::list);
  }

  /** The parsed query: bounds as epoch millis (inclusive from, exclusive to), order, limit. */
  private static final class Query {
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    boolean filtered;
    boolean descending;
    int limit = DEFAULT_LIMIT;

    void bound(String operator, String value) {
      Instant t = parseInstant(value);
      long floor;
      try {
        floor =
            Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1000L), t.getNano() / 1_000_000);
      } catch (ArithmeticException e) {
        throw SandboxError.badRequest("createdAt bound is out of range: " + value);
      }
      boolean exact = t.getNano() % 1_000_000 == 0;
      long ceil = exact ? floor : floor + 1;
      filtered = true;
      switch (operator) {
        case "gte":
          from = Math.max(from, ceil);
          break;
        case "gt":
          from = Math.max(from, floor + 1);
          break;
        case "lt":
          to = Math.min(to, ceil);
          break;
        case "lte":
          to = Math.min(to, floor + 1);
          break;
        default:
          throw SandboxError.badRequest(
              "unsupported $filter operator on createdAt: " + operator + " (use gt, gte, lt, lte)");
      }
    }

    void order(String field, String direction) {
      requireCreatedAt(field, "$orderBy");
      String d = direction.toLowerCase(Locale.ROOT);
      if (!d.equals("asc") && !d.equals("desc")) {
        throw SandboxError.badRequest("$orderBy direction must be asc or desc: " + direction);
      }
      descending = d.equals("desc");
    }
  }

  private MockResponse list(SandboxRequest req) {
    Query query = parse(req);
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      store.writePage(writer, query.from, query.to, query.descending, query.limit, !query.filtered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", Responses.JSON + "; charset=utf-8")
        .body(buffer)
        .build();
  }

  private static Query parse(SandboxRequest req) {
    Query query = new Query();
    for (String name : req.url.queryParameterNames()) {
      String value = req.url.queryParameter(name);
      Matcher deepFilter = DEEP_FILTER.matcher(name);
      Matcher deepOrder = DEEP_ORDER.matcher(name);
      if (name.equals("$limit")) {
        query.limit = parseLimit(value);
      } else if (name.equals("$filter")) {
        jsonFilter(query, value);
      } else if (name.equals("$orderBy")) {
        JsonFields order = JsonFields.of(JsonCodec.parse(bytes(value, "$orderBy")), "$orderBy");
        for (Map.Entry<String, Object> e : order.asMap().entrySet()) {
          query.order(e.getKey(), stringValue(e.getValue(), "$orderBy." + e.getKey()));
        }
      } else if (deepFilter.matches()) {
        requireCreatedAt(deepFilter.group(1), "$filter");
        query.bound(deepFilter.group(2), value);
      } else if (deepOrder.matches()) {
        query.order(deepOrder.group(1), value == null ? "" : value);
      } else if (name.startsWith("$")) {
        throw SandboxError.badRequest("unsupported query parameter: " + name);
      }
    }
    return query;
  }

  private static void jsonFilter(Query query, String value) {
    JsonFields filter = JsonFields.of(JsonCodec.parse(bytes(value, "$filter")), "$filter");
    for (Map.Entry<String, Object> field : filter.asMap().entrySet()) {
      requireCreatedAt(field.getKey(), "$filter");
      JsonFields ops = JsonFields.of(field.getValue(), "$filter." + field.getKey());
      for (Map.Entry<String, Object> op : ops.asMap().entrySet()) {
        query.bound(op.getKey(), stringValue(op.getValue(), "$filter.createdAt." + op.getKey()));
      }
    }
  }

  private static byte[] bytes(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw SandboxError.badRequest(name + " must not be empty");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String stringValue(Object value, String path) {
    if (!(value instanceof String)) {
      throw SandboxError.badRequest(path + " must be a string");
    }
    return (String) value;
  }

  private static void requireCreatedAt(String field, String parameter) {
    if (!FIELD.equals(field)) {
      throw SandboxError.badRequest(
          parameter + " supports only createdAt, not " + (field.isEmpty() ? "(empty)" : field));
    }
  }

  private static int parseLimit(String value) {
    int limit;
    try {
      limit = Integer.parseInt(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw SandboxError.badRequest("$limit must be an integer: " + value);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw SandboxError.badRequest("$limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    return limit;
  }

  /**
   * Parses an ISO-8601 instant with {@code Z} or an offset; a {@code +} decoded as space is mended.
   */
  static Instant parseInstant(String value) {
    return parseInstant(value, "createdAt bound");
  }

  /** Parses an ISO-8601 instant; a 400 naming {@code what} if it is none. */
  static Instant parseInstant(String value, String what) {
    if (value == null || value.isBlank()) {
      throw SandboxError.badRequest(what + " must be an ISO-8601 date-time");
    }
    String text = value.trim().replace(' ', '+');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw SandboxError.badRequest(what + " is not an ISO-8601 date-time: " + value);
    }
  }
}
