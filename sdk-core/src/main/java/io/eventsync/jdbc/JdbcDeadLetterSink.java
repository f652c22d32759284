package io.eventsync.jdbc;

import io.eventsync.EventSyncException;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.DeadLetterSink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DeadLetterSink} in a database table: events that still failed after their retries, kept
 * with their error until {@link io.eventsync.poll.Poller#replayDeadLetters()} handles them, visible
 * to every replica. {@link #accept} returns once the row is committed.
 *
 * <p>Tested on PostgreSQL 14; portable SQL. The table is created on first use unless {@link
 * Builder#createSchema(boolean)} is off; see {@code io/eventsync/jdbc/schema.sql}. Thread-safe;
 * never closes the {@link DataSource}.
 */
public final class JdbcDeadLetterSink implements DeadLetterSink {
  /** Default {@link Builder#tableName}: {@value}. */
  public static final String DEFAULT_TABLE_NAME = "eventsync_dead_letters";

  private static final Logger log = LoggerFactory.getLogger(JdbcDeadLetterSink.class);

  private final DataSource dataSource;
  private final Table table;
  private final String insert;
  private final String selectAll;
  private final String delete;

  private JdbcDeadLetterSink(Builder builder) {
    this.dataSource = builder.dataSource;
    this.table = builder.table();
    String t = table.name();
    this.insert =
        "INSERT INTO "
            + t
            + " (stream, event_id, event_type, event_json, error, attempts, failed_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    this.selectAll =
        "SELECT stream, event_id, event_type, event_json, error, attempts, failed_at FROM "
            + t
            + " ORDER BY id";
    this.delete = "DELETE FROM " + t + " WHERE stream = ? AND event_id = ?";
  }

  /** Returns a sink in the table {@value #DEFAULT_TABLE_NAME}, created on first use. */
  public static JdbcDeadLetterSink create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Returns a builder of a sink using {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Inserts {@code deadLetter} and returns once it is committed.
   *
   * @throws EventSyncException if it cannot be stored; the poller then halts before the event
   */
  @Override
  public void accept(DeadLetter deadLetter) {
    Objects.requireNonNull(deadLetter, "deadLetter == null");
    table.ensureCreated(dataSource);
    Sql.autoCommit(
        dataSource,
        "store the dead letter of event " + deadLetter.eventId(),
        table,
        EventSyncException::new,
        connection ->
            Sql.update(
                connection,
                insert,
                deadLetter.stream(),
                deadLetter.eventId(),
                deadLetter.eventType(),
                deadLetter.eventJson(),
                deadLetter.error(),
                deadLetter.attempts(),
                OffsetDateTime.ofInstant(deadLetter.failedAt(), ZoneOffset.UTC)));
    log.debug(
        "dead letter of event {} of stream {} stored in table {}",
        deadLetter.eventId(),
        deadLetter.stream(),
        table);
  }

  /**
   * Returns every stored dead letter, oldest first.
   *
   * @throws EventSyncException if they cannot be read
   */
  @Override
  public List<DeadLetter> pending() {
    table.ensureCreated(dataSource);
    return Sql.autoCommit(
        dataSource,
        "read the dead letters",
        table,
        EventSyncException::new,
        connection -> {
          List<DeadLetter> letters = new ArrayList<>();
          try (PreparedStatement statement = connection.prepareStatement(selectAll);
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              letters.add(
                  new DeadLetter(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getInt(6),
                      rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
          }
          return letters;
        });
  }

  /**
   * Deletes the dead letters of {@code stream} with these event ids, in one transaction.
   *
   * @throws EventSyncException if they cannot be deleted (then none is)
   */
  @Override
  public void remove(String stream, Collection<String> eventIds) {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(eventIds, "eventIds == null");
    if (eventIds.isEmpty()) {
      return;
    }
    table.ensureCreated(dataSource);
    try {
      Sql.inTransaction(
          dataSource,
          "remove " + eventIds.size() + " dead letters of stream \"" + stream + "\"",
          table,
          EventSyncException::new,
          connection -> {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
              for (String id : eventIds) {
                Sql.bind(statement, stream, id).addBatch();
              }
              statement.executeBatch();
            }
            return null;
          });
    } catch (SQLException e) {
      throw new EventSyncException(
          Sql.message("remove dead letters of stream \"" + stream + "\"", table, "", e), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    log.debug("{} dead letters of stream {} removed from table {}", eventIds.size(), stream, table);
  }

  @Override
  public String toString() {
    return "JdbcDeadLetterSink(" + table + ")";
  }

  /**
   * Configures a {@link JdbcDeadLetterSink}: {@link #tableName} and {@link #createSchema}. Not
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

    /** Returns the sink. */
    public JdbcDeadLetterSink build() {
      return new JdbcDeadLetterSink(this);
    }
  }
}
