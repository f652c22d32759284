package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncException;
import io.eventsync.poll.DeadLetter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdbcDeadLetterSinkIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final Instant FAILED_AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private static DeadLetter letter(String stream, String id) {
    return new DeadLetter(
        stream, id, "ORDER_CREATED", "{\"id\":\"" + id + "\"}", "boom: ü", 4, FAILED_AT);
  }

  @Test
  void acceptedDeadLettersArePendingOldestFirstWithEveryField() {
    JdbcDeadLetterSink sink = JdbcDeadLetterSink.builder(db).tableName("dl_pending").build();

    sink.accept(letter("q", "b"));
    sink.accept(letter("q", "a"));
    sink.accept(new DeadLetter("q", "c", null, "{}", "x", 1, FAILED_AT));

    assertThat(JdbcDeadLetterSink.builder(db).tableName("dl_pending").build().pending())
        .containsExactly(
            letter("q", "b"),
            letter("q", "a"),
            new DeadLetter("q", "c", null, "{}", "x", 1, FAILED_AT));
  }

  @Test
  void removeDeletesOnlyTheGivenIdsOfTheGivenStream() {
    JdbcDeadLetterSink sink = JdbcDeadLetterSink.builder(db).tableName("dl_remove").build();
    sink.accept(letter("q1", "a"));
    sink.accept(letter("q1", "b"));
    sink.accept(letter("q2", "a"));

    sink.remove("q1", List.of("a", "unknown"));
    sink.remove("q1", List.of());

    assertThat(sink.pending()).containsExactly(letter("q1", "b"), letter("q2", "a"));
  }

  @Test
  void databaseFailureSaysWhichEventAndTable() {
    FaultyDataSource down = new FaultyDataSource(db);
    JdbcDeadLetterSink sink = JdbcDeadLetterSink.create(down);
    sink.pending(); // creates the table
    down.down(true);

    assertThatThrownBy(() -> sink.accept(letter("q", "e7")))
        .isInstanceOf(EventSyncException.class)
        .hasMessage(
            "cannot store the dead letter of event e7 (table eventsync_dead_letters): no database"
                + " connection: the database is unreachable (test) (SQLState 08001)");
  }
}
