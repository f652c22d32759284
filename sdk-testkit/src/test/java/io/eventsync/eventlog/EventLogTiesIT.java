package io.eventsync.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.eventsync.EventSyncClient;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13, item 6: as many rows on one createdAt as a page holds, or more, are read once and in
 * order, and so are the rows after them, by the stream, by iterators resumed from checkpoints and
 * by a poller restarted from its store. Each case is a few rows before the tie, the tie, and {@code
 * later} rows after it (a millisecond apart).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EventLogTiesIT {
  private static final Instant TIE = Instant.parse("2026-01-01T00:00:01Z");

  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  private List<String> appendTie(int tied, int later) {
    sandbox.appendLogRows(3, TIE.minusSeconds(1), false, "TRANSACTION_STATUS_CHANGE");
    sandbox.appendLogRows(tied, TIE, true, "TRANSACTION_STATUS_CHANGE");
    if (later > 0) {
      sandbox.appendLogRows(later, TIE.plusMillis(1), false, "TRANSACTION_STATUS_CHANGE");
    }
    return wholeLog(3 + tied + later);
  }

  /** The oracle: the whole log in one raw request, in the server's order, without any cursor. */
  private List<String> wholeLog(int rows) {
    OkHttpClient http = new OkHttpClient();
    HttpUrl url =
        HttpUrl.get(sandbox.url() + "/saleschannel-services/v1/events")
            .newBuilder()
            .addQueryParameter("$limit", Integer.toString(rows))
            .addQueryParameter("$orderBy[createdAt]", "asc")
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + EventSyncSandbox.DEV_TOKEN)
            .build();
    JsonAdapter<List<Map<String, Object>>> page =
        new Moshi.Builder()
            .build()
            .adapter(
                Types.newParameterizedType(
                    List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      List<String> ids =
          page.fromJson(response.body().source()).stream()
              .map(row -> (String) row.get("id"))
              .collect(Collectors.toList());
      assertThat(ids).hasSize(rows).doesNotHaveDuplicates();
      return ids;
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @ParameterizedTest(name = "{0} tied rows, {1} after")
  @CsvSource({
    "999, 0",
    "999, 250",
    "1000, 0",
    "1000, 250",
    "1001, 0",
    "1001, 250",
    "2000, 0",
    "2000, 250",
    "5000, 0",
    "5000, 250"
  })
  void streamReadsEveryTiedRowAndTheRowsAfterThemOnceInOrder(int tied, int later) {
    List<String> expected = appendTie(tied, later);

    for (int limit : new int[] {EventLogQuery.DEFAULT_LIMIT, EventLogQuery.MAX_LIMIT}) {
      assertThat(
              client.eventLog().stream(EventLogQuery.all().limit(limit))
                  .map(LogEvent::id)
                  .collect(Collectors.toList()))
          .as("pages of %d", limit)
          .containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest(name = "{0} tied rows, {1} after")
  @CsvSource({
    "999, 0",
    "999, 250",
    "1000, 0",
    "1000, 250",
    "1001, 0",
    "1001, 250",
    "2000, 0",
    "2000, 250",
    "5000, 0",
    "5000, 250"
  })
  void iteratorsResumedFromCheckpointsReadEveryRowOnceInOrder(int tied, int later) {
    List<String> expected = appendTie(tied, later);

    for (int every : new int[] {tied, 700}) { // the end of the tie itself, or anywhere
      List<String> read = new ArrayList<>();
      Checkpoint at = Checkpoint.initial();
      boolean more = true;
      while (more) {
        EventLogIterator it = client.eventLog().iterator(EventLogQuery.all().from(at));
        for (int i = 0; i < every && it.hasNext(); i++) {
          read.add(it.next().id());
        }
        more = it.hasNext();
        at = it.checkpoint(); // a fresh iterator resumes here, as a new process would
      }
      assertThat(read).as("resumed every %d rows", every).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest(name = "{0} tied rows, {1} after")
  @CsvSource({
    "999, 0",
    "999, 250",
    "1000, 0",
    "1000, 250",
    "1001, 0",
    "1001, 250",
    "2000, 0",
    "2000, 250",
    "5000, 0",
    "5000, 250"
  })
  void pollerRestartedFromItsStoreHandlesEveryRowOnceInOrder(int tied, int later) {
    List<String> expected = appendTie(tied, later);
    List<String> handled = new ArrayList<>();
    Poller first =
        client
            .eventLog()
            .poller("puro")
            .cursorStore(CursorStore.file(dir))
            .handler(row -> handled.add(row.id()))
            .build();
    for (int i = 0; i < 7; i++) {
      first.pollOnce(); // 700 rows of pages of 100: stops inside the tie
    }
    first.close();

    client
        .eventLog()
        .poller("puro")
        .cursorStore(CursorStore.file(dir))
        .handler(row -> handled.add(row.id()))
        .build()
        .drain();

    assertThat(handled).containsExactlyElementsOf(expected);
  }
}
