package io.eventsync.jdbc;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.poll.Poller;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One replica of {@link SandboxFleetProcessesIT}, run in its own JVM: polls the sandbox's Tiki
 * queue while holding the lease named after the queue, recording one effect row per event in the
 * checkpoint's transaction, until the process is killed or stopped.
 *
 * <p>Arguments: the sandbox URL, the queue code, the JDBC URL, the worker's name, the lease TTL in
 * milliseconds.
 */
public final class SandboxFleetWorker {
  private SandboxFleetWorker() {}

  public static void main(String[] args) throws InterruptedException {
    String queueCode = args[1];
    String name = args[3];
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[2]);
    EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(args[0])
            .credentials(Credentials.bearer("sandbox-token"))
            .build();
    JdbcLease lease =
        JdbcLease.builder(dataSource, queueCode, Duration.ofMillis(Long.parseLong(args[4])))
            .holderId(name)
            .build();
    Poller poller =
        client
            .eventQueue()
            .poller(queueCode)
            .cursorStore(JdbcCursorStore.create(dataSource))
            .lease(lease)
            .idleBackoff(Duration.ofMillis(50))
            .handler(
                (event, connection) -> {
                  try (PreparedStatement insert =
                      connection.prepareStatement(
                          "INSERT INTO effects (event_id, worker) VALUES (?, ?)")) {
                    insert.setString(1, event.id());
                    insert.setString(2, name);
                    insert.executeUpdate();
                  }
                  Thread.sleep(3);
                })
            .build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  poller.close(Duration.ofSeconds(5));
                  lease.close();
                  client.close();
                }));
    poller.start();
    System.out.println(name + " started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
