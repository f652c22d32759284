package io.eventsync.jdbc;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import io.eventsync.internal.Json;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CheckpointConflictException;
import io.eventsync.poll.CursorStoreException;
import io.eventsync.poll.TransactionalCursorStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link io.eventsync.poll.CursorStore} in a database table, for pollers that run on several
 * replicas or must survive the loss of a machine. One row per stream holds the checkpoint
 * (position, done ids as a JSON array, version) and the newest lease epoch seen for the stream.
 *
 * <p>Commits are compare-and-set on the checkpoint's version, and fenced: a commit carrying a lease
 * epoch ({@link io.eventsync.poll.Lease#epoch()}) older than the newest the store has seen for the
 * stream fails with {@link FencedException}, so a paused poller that lost its {@link JdbcLease}
 * cannot move the cursor after another took over. With {@code PollerBuilder.handler((event,
 * connection) -> ...)} the handler's writes and the checkpoint commit in one transaction ({@link
 * #commitWith}): effects happen exactly once across crashes and redeliveries.
 *
 * <pre>{@code
 * JdbcCursorStore store = JdbcCursorStore.create(dataSource);
 * Poller poller = client.eventQueue().poller(queueCode)
 *     .cursorStore(store)
 *     .lease(JdbcLease.create(dataSource, "orders-queue", Duration.ofSeconds(30)))
 *     .handler((event, connection) -> orders.apply(event, connection))
 *     .build();
 * }</pre>
 *
 * <p>Tested on PostgreSQL 14; the statements are portable SQL (no upsert, no vendor functions). The
 * table is created on first use ({@code CREATE TABLE IF NOT EXISTS}) unless {@link
 * Builder#createSchema(boolean)} is off; its definition is in {@code io/eventsync/jdbc/schema.sql}.
 * Thread-safe; holds no connection between calls and never closes the {@link DataSource}.
 */
public final class JdbcCursorStore implements TransactionalCursorStore {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "eventsync_checkpoints";

  private static final Logger log = LoggerFactory.getLogger(JdbcCursorStore.class);
  private static final JsonAdapter<List<String>> IDS = Json.listAdapter(String.class);

  private final DataSource dataSource;
  private final Table table;
  private final Set<String> knownStreams = ConcurrentHashMap.newKeySet();
  private final String select;
  private final String insert;
  private final String update;
  private final String fencedUpdate;
  private final String raiseEpoch;

  private JdbcCursorStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.table();
    String t = table.name();
    this.select = "SELECT position, done_ids, version, epoch FROM " + t + " WHERE stream = ?";
    this.insert =
        "INSERT INTO "
            + t
            + " (stream, position, done_ids, version, epoch, updated_at)"
            + " VALUES (?, NULL, '[]', 0, 0, CURRENT_TIMESTAMP)";
    String set =
        "UPDATE "
            + t
            + " SET position = ?, done_ids = ?, version = version + 1,"
            + " updated_at = CURRENT_TIMESTAMP";
    this.update = set + " WHERE stream = ? AND version = ?";
    this.fencedUpdate = set + ", epoch = ? WHERE stream = ? AND version = ? AND epoch <= ?";
    this.raiseEpoch = "UPDATE " + t + " SET epoch = ? WHERE stream = ? AND epoch < ?";
  }

  /** Returns a store in the table {@value #DEFAULT_TABLE_NAME}, created on first use. */
  public static JdbcCursorStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Returns a builder of a store using {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Returns the name of the table, as used in the SQL. */
  public String tableName() {
    return table.name();
  }

  /**
   * Returns the stream's checkpoint, or {@link Checkpoint#initial()} if it has none.
   *
   * @throws CursorStoreException if it cannot be read (the message names the stream and table)
   */
  @Override
  public Checkpoint load(String stream) {
    Objects.requireNonNull(stream, "stream == null");
    table.ensureCreated(dataSource);
    Row row =
        Sql.autoCommit(
            dataSource,
            "load the checkpoint of stream \"" + stream + "\"",
            table,
            CursorStoreException::new,
            connection -> read(connection, stream));
    return row == null ? Checkpoint.initial() : row.checkpoint();
  }

  /**
   * Returns the stream's checkpoint after fencing off older epochs: from now on the store refuses
   * commits with an epoch older than {@code fencingToken}. A poller that takes a lease over should
   * load this way, so that the previous holder cannot commit between this load and its own first
   * commit.
   *
   * @throws FencedException if the store has already seen a newer epoch than {@code fencingToken}
   * @throws CursorStoreException if it cannot be read or written
   */
  public Checkpoint load(String stream, long fencingToken) {
    Objects.requireNonNull(stream, "stream == null");
    String what = "fence and load the checkpoint of stream \"" + stream + "\"";
    return unchecked(
        stream,
        what,
        connection -> {
          Row row = sql(what, () -> fence(connection, stream, fencingToken));
          if (row.epoch() > fencingToken) {
            throw new FencedException(stream, fencingToken, row.epoch());
          }
          log.debug("stream {} fenced at epoch {} in table {}", stream, fencingToken, table);
          return row.checkpoint();
        });
  }

  /**
   * Stores {@code checkpoint} if the table still holds {@code checkpoint.version()}, without
   * fencing, and leaves the stored epoch as it is.
   *
   * @throws CheckpointConflictException if another writer committed in between
   * @throws CursorStoreException if it cannot be stored
   */
  @Override
  public Checkpoint commit(String stream, Checkpoint checkpoint) {
    return commitFenced(stream, checkpoint, null);
  }

  /**
   * Stores {@code checkpoint} if the table still holds {@code checkpoint.version()} and no epoch
   * newer than {@code fencingToken} was seen for the stream; records {@code fencingToken} as the
   * stream's newest epoch.
   *
   * @throws FencedException if a newer epoch was seen (another poller took the lease over)
   * @throws CheckpointConflictException if another writer committed in between
   * @throws CursorStoreException if it cannot be stored
   */
  @Override
  public Checkpoint commit(String stream, Checkpoint checkpoint, long fencingToken) {
    return commitFenced(stream, checkpoint, fencingToken);
  }

  /**
   * Runs {@code work} on a connection and commits {@code checkpoint} (compare-and-set and fenced
   * like {@link #commit(String, Checkpoint, long)}) in the same transaction: auto-commit is turned
   * off, everything is rolled back if anything fails, auto-commit is restored and the connection
   * closed. {@code work} must not commit, roll back or close the connection.
   *
   * @throws FencedException if a newer epoch was seen (nothing is committed)
   * @throws CheckpointConflictException if another writer committed in between (nothing is
   *     committed)
   * @throws CursorStoreException if the checkpoint cannot be stored, or the commit failed (then it
   *     may or may not have been applied; the next load tells)
   * @throws Exception whatever {@code work} threw, unchanged (nothing is committed)
   */
  @Override
  public Checkpoint commitWith(String stream, Checkpoint checkpoint, long fencingToken, Work work)
      throws Exception {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    Objects.requireNonNull(work, "work == null");
    return transaction(
        stream,
        "commit the checkpoint of stream \"" + stream + "\"",
        connection -> {
          work.run(connection);
          return compareAndSet(connection, stream, checkpoint, fencingToken);
        });
  }

  private Checkpoint commitFenced(
      String stream, Checkpoint checkpoint, @Nullable Long fencingToken) {
    Objects.requireNonNull(checkpoint, "checkpoint == null");
    return unchecked(
        stream,
        "commit the checkpoint of stream \"" + stream + "\"",
        connection -> compareAndSet(connection, stream, checkpoint, fencingToken));
  }

  /** {@link #transaction} for work of the store's own, which throws no checked exception. */
  private <T> T unchecked(String stream, String what, Sql.Work<T> work) {
    try {
      return transaction(stream, what, work);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T transaction(String stream, String what, Sql.Work<T> work) throws Exception {
    Objects.requireNonNull(stream, "stream == null");
    table.ensureCreated(dataSource);
    ensureRow(stream);
    return Sql.inTransaction(dataSource, what, table, CursorStoreException::new, work);
  }

  /** Inserts the stream's row at version 0 unless a load or commit has seen it. */
  private void ensureRow(String stream) {
    if (knownStreams.contains(stream)) {
      return;
    }
    Sql.autoCommit(
        dataSource,
        "create the checkpoint of stream \"" + stream + "\"",
        table,
        CursorStoreException::new,
        connection -> {
          if (read(connection, stream) == null) {
            try {
              Sql.update(connection, insert, stream);
            } catch (SQLException e) {
              if (!Sql.isDuplicate(e)) { // else another replica inserted it at the same moment
                throw e;
              }
            }
          }
          return null;
        });
    knownStreams.add(stream);
  }

  private Checkpoint compareAndSet(
      Connection connection, String stream, Checkpoint checkpoint, Long fencingToken) {
    String doneIds = IDS.toJson(new ArrayList<>(checkpoint.doneIds()));
    Row current =
        sql(
            "commit the checkpoint of stream \"" + stream + "\"",
            () -> {
              int rows =
                  fencingToken == null
                      ? Sql.update(
                          connection,
                          update,
                          checkpoint.position(),
                          doneIds,
                          stream,
                          checkpoint.version())
                      : Sql.update(
                          connection,
                          fencedUpdate,
                          checkpoint.position(),
                          doneIds,
                          fencingToken,
                          stream,
                          checkpoint.version(),
                          fencingToken);
              return rows == 1 ? null : read(connection, stream);
            });
    if (current == null) {
      Checkpoint next = checkpoint.withVersion(checkpoint.version() + 1);
      log.debug(
          "stream {} committed at version {} (epoch {}) in table {}",
          stream,
          next.version(),
          fencingToken,
          table);
      return next;
    }
    if (fencingToken != null && current.epoch() > fencingToken) {
      throw new FencedException(stream, fencingToken, current.epoch());
    }
    throw new CheckpointConflictException(
        "checkpoint of stream \""
            + stream
            + "\" in table "
            + table
            + " is at version "
            + current.checkpoint().version()
            + " but this writer expected "
            + checkpoint.version()
            + ": another poller moved the cursor; stop this one (only one poller may read a"
            + " stream, use a JdbcLease)");
  }

  private @Nullable Row fence(Connection connection, String stream, long fencingToken)
      throws SQLException {
    Sql.update(connection, raiseEpoch, fencingToken, stream, fencingToken);
    return read(connection, stream);
  }

  /** Reads the stream's row, or null if it has none. */
  private @Nullable Row read(Connection connection, String stream) throws SQLException {
    try (PreparedStatement statement = Sql.bind(connection.prepareStatement(select), stream);
        ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      knownStreams.add(stream);
      List<String> ids;
      try {
        ids = Json.decode(IDS, rs.getString(2), "done_ids");
      } catch (DecodingException e) {
        throw new CursorStoreException(
            "checkpoint of stream \""
                + stream
                + "\" in table "
                + table
                + " has corrupt done_ids ("
                + e.getMessage()
                + "); fix or delete the row, the store never starts over silently",
            e);
      }
      return new Row(Checkpoint.of(rs.getString(1), ids, rs.getLong(3)), rs.getLong(4));
    }
  }

  /** Runs statements of the store's own, turning an SQL failure into a CursorStoreException. */
  private <T> T sql(String what, SqlCall<T> call) {
    try {
      return call.run();
    } catch (SQLException e) {
      throw new CursorStoreException(Sql.message(what, table, "", e), e);
    }
  }

  /** Statements of the store's own. */
  private interface SqlCall<T> {
    T run() throws SQLException;
  }

  /** A stored row: the checkpoint and the newest epoch seen. */
  private record Row(Checkpoint checkpoint, long epoch) {}

  @Override
  public String toString() {
    return "JdbcCursorStore(" + table + ")";
  }

  /**
   * Configures a {@link JdbcCursorStore}: {@link #tableName} and {@link #createSchema}. Not
   * thread-safe.
   */
  public static final class Builder extends TableBuilder<Builder> {
    private Builder(DataSource dataSource) {
      super(dataSource, DEFAULT_TABLE_NAME);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Returns the store. */
    public JdbcCursorStore build() {
      return new JdbcCursorStore(this);
    }
  }
}
