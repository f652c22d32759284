package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLogTest {
  private static final String EVENTS = "/saleschannel-services/v1/events";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start();
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<Map<String, Object>> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add((String) r.get("id")));
    return ids;
  }

  private List<Map<String, Object>> deep(String op, String createdAt, String order, int limit) {
    Http.Reply reply =
        http.get(
            EVENTS
                + "?$filter[createdAt]["
                + op
                + "]="
                + enc(createdAt)
                + "&$orderBy[createdAt]="
                + order
                + "&$limit="
                + limit);
    assertThat(reply.status).as(reply.body).isEqualTo(200);
    return reply.list();
  }

  @Test
  void rowsHaveTheDocumentedShape() {
    sandbox.appendLogRows(2, T0, false, "TRANSACTION_STATUS_CHANGE");

    List<Map<String, Object>> rows = http.get(EVENTS).list();

    assertThat(rows).hasSize(2);
    Map<String, Object> row = rows.get(0);
    assertThat(row).containsOnlyKeys("id", "eventType", "createdAt", "eventAt", "details");
    assertThat((String) row.get("id")).matches("c[0-9a-z]{24}");
    assertThat(row)
        .containsEntry("eventType", "TRANSACTION_STATUS_CHANGE")
        .containsEntry("createdAt", "2024-01-01T00:00:00.000Z");
    assertThat(rows.get(1)).containsEntry("createdAt", "2024-01-01T00:00:00.001Z");
    assertThat(row.get("details")).isInstanceOf(Map.class);
  }

  @Test
  void limitAboveTheMaximumOrNotANumberIsABadRequestProblem() {
    Http.Reply tooLarge = http.get(EVENTS + "?$limit=101001");
    Http.Reply notNumber = http.get(EVENTS + "?$limit=ten");

    assertThat(tooLarge.status).isEqualTo(400);
    assertThat(tooLarge.headers.get("Content-Type")).startsWith("application/problem+json");
    assertThat(tooLarge.map())
        .containsEntry("title", "Bad Request")
        .containsEntry("status", 400L)
        .containsEntry("detail", "$limit must be between 1 and 101000: 101001");
    assertThat(notNumber.status).isEqualTo(400);
    assertThat(http.get(EVENTS + "?$limit=101000").status).isEqualTo(200); // the SDK's widest
  }

  @Test
  void rejectsUnsupportedFiltersAndBadDates() {
    assertThat(http.get(EVENTS + "?$filter[eventAt][gte]=2024-01-01T00:00:00Z").status)
        .isEqualTo(400);
    assertThat(http.get(EVENTS + "?$filter[createdAt][eq]=2024-01-01T00:00:00Z").status)
        .isEqualTo(400);
    assertThat(http.get(EVENTS + "?$filter[createdAt][gte]=yesterday").status).isEqualTo(400);
    assertThat(http.get(EVENTS + "?$filter=" + enc("{\"createdAt\":")).status).isEqualTo(400);
    assertThat(http.get(EVENTS + "?$orderBy[createdAt]=up").status).isEqualTo(400);
  }

  @Test
  void deepObjectAndJsonTextEncodingsGiveTheSamePage() {
    sandbox.appendLogRows(20, T0, false, "TRANSACTION_STATUS_CHANGE");
    String from = "2024-01-01T00:00:00.005Z";

    List<Map<String, Object>> deepPage = deep("gte", from, "asc", 5);
    Http.Reply json =
        http.get(
            EVENTS
                + "?$filter="
                + enc("{\"createdAt\":{\"gte\":\"" + from + "\"}}")
                + "&$orderBy="
                + enc("{\"createdAt\":\"asc\"}")
                + "&$limit=5");

    assertThat(json.list()).isEqualTo(deepPage);
    assertThat(deepPage)
        .extracting(r -> r.get("createdAt"))
        .containsExactly(
            "2024-01-01T00:00:00.005Z",
            "2024-01-01T00:00:00.006Z",
            "2024-01-01T00:00:00.007Z",
            "2024-01-01T00:00:00.008Z",
            "2024-01-01T00:00:00.009Z");
  }

  @Test
  void operatorsGtLtLteAndDescendingOrder() {
    sandbox.appendLogRows(10, T0, false, "TRANSACTION_STATUS_CHANGE");

    assertThat(deep("gt", "2024-01-01T00:00:00.007Z", "asc", 10)).hasSize(2);
    assertThat(deep("lt", "2024-01-01T00:00:00.003Z", "asc", 10)).hasSize(3);
    assertThat(deep("lte", "2024-01-01T00:00:00.003Z", "asc", 10)).hasSize(4);
    assertThat(deep("gte", "2024-01-01T02:00:00+02:00", "desc", 3))
        .extracting(r -> r.get("createdAt"))
        .containsExactly(
            "2024-01-01T00:00:00.009Z", "2024-01-01T00:00:00.008Z", "2024-01-01T00:00:00.007Z");
    Http.Reply range =
        http.get(
            EVENTS
                + "?$filter[createdAt][gt]=2024-01-01T00:00:00.001Z&$filter[createdAt][lt]=2024-01-01T00:00:00.004Z");
    assertThat(range.list()).hasSize(2);
  }

  @Test
  void threeLimitsOfRowsOnOneCreatedAtPageWithGteAndExclusionOfSeenIds() {
    int limit = 10;
    sandbox.appendLogRows(3 * limit, T0, true, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(5, T0.plusSeconds(1), false, "TRANSACTION_STATUS_CHANGE");
    List<String> all = ids(http.get(EVENTS + "?$limit=1000").list());

    // The SDK's cursor: (watermark, ids seen at it); a full page on one createdAt widens the page.
    String watermark = "2020-01-01T00:00:00.000Z";
    Set<String> seen = new HashSet<>();
    List<String> collected = new ArrayList<>();
    int pageSize = limit;
    for (int guard = 0; guard < 20; guard++) {
      List<Map<String, Object>> page = deep("gte", watermark, "asc", pageSize);
      List<Map<String, Object>> fresh = new ArrayList<>();
      for (Map<String, Object> row : page) {
        if (!seen.contains((String) row.get("id"))) {
          fresh.add(row);
        }
      }
      if (page.size() == pageSize
          && page.get(0).get("createdAt").equals(page.get(page.size() - 1).get("createdAt"))
          && fresh.isEmpty()) {
        pageSize *= 2;
        continue;
      }
      for (Map<String, Object> row : fresh) {
        String createdAt = (String) row.get("createdAt");
        if (!createdAt.equals(watermark)) {
          watermark = createdAt;
          seen.clear();
        }
        seen.add((String) row.get("id"));
        collected.add((String) row.get("id"));
      }
      if (page.size() < pageSize) {
        break;
      }
    }

    assertThat(collected).hasSize(35).doesNotHaveDuplicates().isEqualTo(all);
  }

  @Test
  void rowsOnOneCreatedAtAreStablyOrderedInAppendOrder() {
    sandbox.appendLogRows(30, T0, true, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(5, T0.minusSeconds(1), true, "OTHER");
    sandbox.appendLogRows(5, T0, true, "LATE");

    List<Map<String, Object>> first = deep("gte", "2024-01-01T00:00:00Z", "asc", 1000);
    List<Map<String, Object>> second = deep("gte", "2024-01-01T00:00:00Z", "asc", 1000);
    List<Map<String, Object>> desc = deep("gte", "2024-01-01T00:00:00Z", "desc", 1000);

    assertThat(first).hasSize(35).isEqualTo(second);
    assertThat(first.subList(30, 35)).extracting(r -> r.get("eventType")).containsOnly("LATE");
    List<Map<String, Object>> reversed = new ArrayList<>(first);
    java.util.Collections.reverse(reversed);
    assertThat(desc).isEqualTo(reversed);
    assertThat(http.get(EVENTS + "?$limit=1").list().get(0)).containsEntry("eventType", "OTHER");
  }

  @Test
  void rowsWithoutCreatedAtAreNeverMatchedByAFilter() {
    sandbox.appendLogRows(3, T0, false, "TRANSACTION_STATUS_CHANGE");
    http.post("/_sandbox/eventlog/rows", "{\"count\": 2, \"null_created_at\": true}");

    List<Map<String, Object>> unfiltered = http.get(EVENTS).list();

    assertThat(unfiltered).hasSize(5);
    assertThat(unfiltered.get(4)).containsEntry("createdAt", null).containsEntry("eventAt", null);
    assertThat(deep("gte", "1970-01-01T00:00:00Z", "asc", 100)).hasSize(3);
    assertThat(deep("lte", "2999-01-01T00:00:00Z", "desc", 100)).hasSize(3);
  }

  @Test
  void servesAMillionRowsWithoutScanningPerPage() {
    http.post(
        "/_sandbox/eventlog/rows",
        "{\"count\": 1000000, \"created_at\": \"2024-01-01T00:00:00Z\"}");
    assertThat(sandbox.stats().eventLogRows()).isEqualTo(1_000_000);

    long start = System.nanoTime();
    List<Map<String, Object>> page = List.of();
    for (int i = 0; i < 20; i++) {
      page = deep("gte", "2024-01-01T00:10:00Z", "asc", 1000);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(page).hasSize(1000);
    assertThat(page.get(0)).containsEntry("createdAt", "2024-01-01T00:10:00.000Z");
    assertThat(millis).isLessThan(10_000);
  }
}
