package io.eventsync.jdbc;

import io.eventsync.ApiConnectionException;
import io.eventsync.Sleeper;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.EventSource;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One replica of {@link FleetProcessesIT}, run in its own JVM: polls the table-backed stream {@code
 * procs} while holding the lease {@code procs}, recording one effect row per event in the
 * checkpoint's transaction, until the process is killed or stopped.
 *
 * <p>Arguments: the JDBC URL, the worker's name, the lease TTL in milliseconds.
 */
public final class FleetWorker {
  static final String STREAM = "procs";
  static final String QUEUE_TABLE = "procs_queue";
  static final String EFFECTS_TABLE = "procs_effects";

  private FleetWorker() {}

  public static void main(String[] args) throws InterruptedException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[0]);
    String name = args[1];
    Duration ttl = Duration.ofMillis(Long.parseLong(args[2]));
    Effects effects = new Effects(dataSource, EFFECTS_TABLE);
    JdbcLease lease = JdbcLease.builder(dataSource, STREAM, ttl).holderId(name).build();
    Poller poller =
        new PollerBuilder<>(new TableQueue(dataSource), Clock.systemUTC(), Sleeper.SYSTEM)
            .cursorStore(JdbcCursorStore.create(dataSource))
            .lease(lease)
            .idleBackoff(Duration.ofMillis(50))
            .handler(
                (event, connection) -> {
                  effects.record(connection, event.id(), name);
                  Thread.sleep(3);
                })
            .build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  poller.close(Duration.ofSeconds(5));
                  lease.close();
                }));
    poller.start();
    System.out.println(name + " started");
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * A stream kept in a table {@code (seq, id)}: the position is the last handled {@code seq}, so
   * every process reads the same stream.
   */
  static final class TableQueue implements EventSource<MemoryQueue.Event> {
    private static final int BATCH = 20;
    private final DataSource dataSource;

    TableQueue(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    static void create(DataSource dataSource) {
      Postgres.execute(
          dataSource,
          "CREATE TABLE " + QUEUE_TABLE + " (seq BIGINT PRIMARY KEY, id TEXT NOT NULL)");
    }

    static void emit(DataSource dataSource, int from, int count) {
      Postgres.execute(
          dataSource,
          "INSERT INTO "
              + QUEUE_TABLE
              + " SELECT n, 'e' || n FROM generate_series("
              + from
              + ", "
              + (from + count - 1)
              + ") AS n");
    }

    @Override
    public String stream() {
      return STREAM;
    }

    @Override
    public Batch<MemoryQueue.Event> fetch(Checkpoint checkpoint) {
      long after = checkpoint.position() == null ? -1 : Long.parseLong(checkpoint.position());
      List<MemoryQueue.Event> events = new ArrayList<>();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT seq, id FROM "
                      + QUEUE_TABLE
                      + " WHERE seq > ? ORDER BY seq LIMIT "
                      + BATCH)) {
        statement.setLong(1, after);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            events.add(new MemoryQueue.Event(rs.getString(2), rs.getLong(1)));
          }
        }
      } catch (SQLException e) {
        throw new ApiConnectionException("cannot read the queue table", e, 1);
      }
      String next =
          events.isEmpty()
              ? checkpoint.position()
              : String.valueOf(events.get(events.size() - 1).seq());
      return new Batch<>(events, next, List.of(), events.size() < BATCH);
    }

    @Override
    public String id(MemoryQueue.Event event) {
      return event.id();
    }

    @Override
    public Instant createdAt(MemoryQueue.Event event) {
      return null;
    }

    @Override
    public String type(MemoryQueue.Event event) {
      return "TEST";
    }

    @Override
    public String toJson(MemoryQueue.Event event) {
      return "{}";
    }

    @Override
    public MemoryQueue.Event fromJson(String json) {
      throw new UnsupportedOperationException("the fleet worker has no dead letters to replay");
    }
  }
}
