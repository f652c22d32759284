package io.eventsync.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A minimal Puro.earth events log for unit tests: {@code createdAt gte} in both encodings,
 * ascending order with append order within one timestamp, {@code $limit} up to the widest page the
 * SDK asks for ({@link EventLogQuery#MAX_TIED_ROWS} + {@link EventLogQuery#MAX_LIMIT}).
 */
final class FakeLogServer extends Dispatcher {
  private static final Pattern JSON_GTE = Pattern.compile("\"gte\"\\s*:\\s*\"([^\"]+)\"");

  private final List<String[]> rows = new CopyOnWriteArrayList<>(); // id, createdAt or null
  final List<HttpUrl> requests = new CopyOnWriteArrayList<>();
  volatile int rateLimitNext;
  volatile int extraRows; // rows sent beyond $limit, as a server that ignores it would
  volatile int garbleNext; // answers 200 with an object cut short: wrong shape, and malformed

  void append(String id, Instant createdAt) {
    rows.add(new String[] {id, createdAt == null ? null : createdAt.toString()});
  }

  void appendRun(String prefix, Instant createdAt, int count) {
    for (int i = 0; i < count; i++) {
      append(prefix + i, createdAt);
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    requests.add(url);
    if (rateLimitNext > 0) {
      rateLimitNext--;
      return new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build();
    }
    if (garbleNext > 0) {
      garbleNext--;
      return new MockResponse.Builder()
          .body("{\"fault\": \"garbled\", \"data\": [{\"id\": ")
          .build();
    }
    int limit = Integer.parseInt(url.queryParameter("$limit"));
    if (limit > EventLogQuery.MAX_TIED_ROWS + EventLogQuery.MAX_LIMIT) {
      return new MockResponse.Builder()
          .code(400)
          .body("{\"message\": \"$limit too large\"}")
          .build();
    }
    String gte = url.queryParameter("$filter[createdAt][gte]");
    String json = url.queryParameter("$filter");
    if (json != null) {
      Matcher m = JSON_GTE.matcher(json);
      gte = m.find() ? m.group(1) : null;
    }
    Instant from = gte == null ? null : Instant.parse(gte);
    List<String[]> sorted = new ArrayList<>(rows);
    if (from != null) {
      sorted.removeIf(r -> r[1] == null || Instant.parse(r[1]).isBefore(from));
    }
    sorted.sort(
        (a, b) ->
            a[1] == null
                ? (b[1] == null ? 0 : -1)
                : b[1] == null ? 1 : Instant.parse(a[1]).compareTo(Instant.parse(b[1])));
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < Math.min(limit + extraRows, sorted.size()); i++) {
      String[] r = sorted.get(i);
      body.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(r[0])
          .append("\",\"eventType\":\"TRANSACTION_STATUS_CHANGE\",\"createdAt\":")
          .append(r[1] == null ? "null" : "\"" + r[1] + "\"")
          .append(",\"eventAt\":null,\"details\":{\"transactionId\":\"t-")
          .append(r[0])
          .append("\",\"status\":\"SUCCESS\"}}");
    }
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .body(body.append(']').toString())
        .build();
  }

  static Map<String, String> unused() {
    return Map.of();
  }
}
