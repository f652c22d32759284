package io.eventsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CheckpointConflictException;
import io.eventsync.poll.CursorStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdbcCursorStoreIT {
  private static final DataSource db = Postgres.newDatabase().dataSource();
  private static final ExecutorService executor = Executors.newFixedThreadPool(2);

  private final FaultyDataSource dataSource = new FaultyDataSource(db);
  private final JdbcCursorStore store = JdbcCursorStore.create(dataSource);

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void streamNeverCommittedLoadsAsInitial() {
    assertThat(store.load("never")).isEqualTo(Checkpoint.initial());
  }

  @Test
  void commitStoresPositionAndDoneIdsInOrderAndReturnsTheNextVersion() {
    List<String> ids = new ArrayList<>();
    for (int i = 20_000; i > 0; i--) {
      ids.add("event-" + i);
    }
    Checkpoint committed = store.commit("big", Checkpoint.of("ack-1", ids, 0), 0);

    assertThat(committed.version()).isEqualTo(1);
    Checkpoint loaded = JdbcCursorStore.create(db).load("big");
    assertThat(loaded).isEqualTo(committed);
    assertThat(loaded.doneIds()).containsExactlyElementsOf(ids);
    assertThat(dataSource.openConnections()).isZero();
    assertThat(dataSource.closedInTransaction()).isZero();
  }

  @Test
  void staleVersionCannotCommit() {
    Checkpoint first = store.commit("cas", Checkpoint.of("a", List.of(), 0), 1);
    store.commit("cas", first.advance("b", List.of()), 1);

    assertThatThrownBy(() -> store.commit("cas", first.advance("c", List.of()), 1))
        .isExactlyInstanceOf(CheckpointConflictException.class)
        .hasMessage(
            "checkpoint of stream \"cas\" in table eventsync_checkpoints is at version 2 but this"
                + " writer expected 1: another poller moved the cursor; stop this one (only one"
                + " poller may read a stream, use a JdbcLease)");
    assertThat(store.load("cas").position()).isEqualTo("b");
  }

  @Test
  void staleEpochCannotCommitEvenWithTheCurrentVersion() {
    Checkpoint byOld = store.commit("fenced", Checkpoint.of("a", List.of(), 0), 4);
    Checkpoint byNew = store.commit("fenced", byOld.advance("b", List.of("x")), 5);

    assertThatThrownBy(() -> store.commit("fenced", byNew.advance("zombie", List.of()), 4))
        .isInstanceOfSatisfying(
            FencedException.class,
            e -> {
              assertThat(e.stream()).isEqualTo("fenced");
              assertThat(e.staleEpoch()).isEqualTo(4);
              assertThat(e.currentEpoch()).isEqualTo(5);
            })
        .isInstanceOf(CheckpointConflictException.class)
        .hasMessage(
            "checkpoint of stream \"fenced\" is fenced: this writer's lease epoch 4 is older than"
                + " epoch 5 of the poller that took the lease over; nothing was committed and this"
                + " poller must stop");
    assertThat(store.load("fenced")).isEqualTo(byNew);
  }

  @Test
  void newerEpochCommitsAndFromThenOnFencesTheOlderOne() {
    Checkpoint v1 = store.commit("takeover", Checkpoint.of("a", List.of(), 0), 1);
    Checkpoint v2 = store.commit("takeover", v1.advance("b", List.of()), 2);

    assertThat(v2.version()).isEqualTo(2);
    assertThatThrownBy(() -> store.commit("takeover", v2.advance("c", List.of()), 1))
        .isInstanceOf(FencedException.class);
  }

  @Test
  void loadWithATokenFencesOlderEpochsBeforeTheNewHolderCommits() {
    Checkpoint byOld = store.commit("load-fence", Checkpoint.of("a", List.of(), 0), 1);

    Checkpoint loadedByNew = store.load("load-fence", 2);

    assertThat(loadedByNew).isEqualTo(byOld);
    assertThatThrownBy(() -> store.commit("load-fence", byOld.advance("zombie", List.of()), 1))
        .isInstanceOf(FencedException.class);
    assertThatThrownBy(() -> store.load("load-fence", 1))
        .isInstanceOf(FencedException.class)
        .hasMessageContaining("lease epoch 1 is older than epoch 2");
    assertThat(store.commit("load-fence", loadedByNew.advance("b", List.of()), 2).version())
        .isEqualTo(2);
  }

  @Test
  void commitWithCommitsTheWorkAndTheCheckpointTogether() throws Exception {
    Postgres.execute(db, "CREATE TABLE together (event_id TEXT)");

    Checkpoint committed =
        store.commitWith(
            "together",
            Checkpoint.of(null, List.of("e1"), 0),
            0,
            connection -> insert(connection, "together", "e1"));

    assertThat(committed.version()).isEqualTo(1);
    assertThat(rows("together")).containsExactly("e1");
    assertThat(dataSource.openConnections()).isZero();
    assertThat(dataSource.closedInTransaction()).isZero();
  }

  @Test
  void fencedCommitWithRollsBackTheWork() throws Exception {
    Postgres.execute(db, "CREATE TABLE fenced_work (event_id TEXT)");
    Checkpoint current = store.commit("fenced-work", Checkpoint.of("a", List.of(), 0), 7);

    assertThatThrownBy(
            () ->
                store.commitWith(
                    "fenced-work",
                    current.withDone("e1"),
                    6,
                    connection -> insert(connection, "fenced_work", "e1")))
        .isInstanceOf(FencedException.class);

    assertThat(rows("fenced_work")).isEmpty();
    assertThat(store.load("fenced-work")).isEqualTo(current);
    assertThat(dataSource.openConnections()).isZero();
    assertThat(dataSource.closedInTransaction()).isZero();
  }

  @Test
  void failingWorkRollsBackAndIsRethrownUnchanged() throws Exception {
    Postgres.execute(db, "CREATE TABLE failing_work (event_id TEXT)");
    IllegalStateException failure = new IllegalStateException("handler failed");

    assertThatThrownBy(
            () ->
                store.commitWith(
                    "failing-work",
                    Checkpoint.of(null, List.of("e1"), 0),
                    0,
                    connection -> {
                      insert(connection, "failing_work", "e1");
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(rows("failing_work")).isEmpty();
    assertThat(store.load("failing-work")).isEqualTo(Checkpoint.initial());
    assertThat(dataSource.closedInTransaction()).isZero();
  }

  @Test
  void twoWritersRacingOnANewStreamOneWinsTheOtherConflicts() throws Exception {
    for (int round = 0; round < 10; round++) {
      String stream = "race-" + round;
      CountDownLatch go = new CountDownLatch(1);
      Callable<Checkpoint> writer =
          () -> {
            go.await();
            return JdbcCursorStore.create(db).commit(stream, Checkpoint.of("p", List.of(), 0), 0);
          };
      Future<Checkpoint> a = executor.submit(writer);
      Future<Checkpoint> b = executor.submit(writer);
      go.countDown();
      int wins = 0;
      for (Future<Checkpoint> f : List.of(a, b)) {
        try {
          f.get();
          wins++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(CheckpointConflictException.class);
        }
      }
      assertThat(wins).isEqualTo(1);
      assertThat(store.load(stream).version()).isEqualTo(1);
    }
  }

  @Test
  void customTableFromTheDocumentedSchemaFileWorksWithoutCreatingIt() throws IOException {
    String schema;
    try (InputStream in = JdbcCursorStore.class.getResourceAsStream("schema.sql")) {
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Postgres.execute(db, "CREATE SCHEMA migrated");
    for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        Postgres.execute(db, statement.replaceAll("CREATE TABLE IF NOT EXISTS ", "$0migrated."));
      }
    }
    JdbcCursorStore migrated =
        JdbcCursorStore.builder(db)
            .tableName("migrated.eventsync_checkpoints")
            .createSchema(false)
            .build();

    assertThat(migrated.commit("m", Checkpoint.of("a", List.of("x"), 0), 1).version()).isEqualTo(1);
    assertThat(migrated.load("m").doneIds()).containsExactly("x");
    assertThat(migrated.tableName()).isEqualTo("migrated.eventsync_checkpoints");
  }

  @Test
  void missingTableWithSchemaCreationOffFailsWithTheTableName() {
    JdbcCursorStore missing =
        JdbcCursorStore.builder(db).tableName("no_such_table").createSchema(false).build();

    assertThatThrownBy(() -> missing.load("s"))
        .isInstanceOf(CursorStoreException.class)
        .hasMessageStartingWith(
            "cannot load the checkpoint of stream \"s\" (table no_such_table): ERROR: relation"
                + " \"no_such_table\" does not exist")
        .hasMessageEndingWith("(SQLState 42P01)");
  }

  @Test
  void unreachableDatabaseFailsWithWhatWasBeingDoneAndNoCredentials() {
    PGSimpleDataSource unreachable = new PGSimpleDataSource();
    unreachable.setServerNames(new String[] {"127.0.0.1"});
    unreachable.setPortNumbers(new int[] {1});
    unreachable.setUser("app");
    unreachable.setPassword("s3cret-password");
    JdbcCursorStore offline = JdbcCursorStore.builder(unreachable).createSchema(false).build();

    assertThatThrownBy(() -> offline.commit("s", Checkpoint.initial(), 1))
        .isInstanceOf(CursorStoreException.class)
        .hasMessageStartingWith(
            "cannot create the checkpoint of stream \"s\" (table eventsync_checkpoints): no"
                + " database connection: ")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void tableNameMustBeAPlainIdentifier() {
    assertThatThrownBy(() -> JdbcCursorStore.builder(db).tableName("x; DROP TABLE users"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tableName must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters,"
                + " optionally schema.table) but was \"x; DROP TABLE users\"");
  }

  static void insert(Connection connection, String table, String eventId) throws SQLException {
    try (var statement =
        connection.prepareStatement("INSERT INTO " + table + " (event_id) VALUES (?)")) {
      statement.setString(1, eventId);
      statement.executeUpdate();
    }
  }

  private static List<String> rows(String table) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT event_id FROM " + table)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
