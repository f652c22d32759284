package io.eventsync.jdbc;

import io.eventsync.poll.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One replica of {@link JdbcFleetProcessesIT}, run in its own JVM: joins a {@link JdbcFleet},
 * registers its streams and calls {@code tryAcquire()} on every view every 20 ms as idle pollers
 * do, until the process is killed or stopped.
 *
 * <p>Arguments: the JDBC URL, the fleet's name, the member id, the TTL and renewal interval in
 * milliseconds, the number of streams (named like {@link FleetReplicas}'s).
 */
public final class FleetMemberWorker {
  private FleetMemberWorker() {}

  public static void main(String[] args) throws InterruptedException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(args[0]);
    String name = args[1];
    JdbcFleet fleet =
        JdbcFleet.builder(dataSource, name, Duration.ofMillis(Long.parseLong(args[3])))
            .renewalInterval(Duration.ofMillis(Long.parseLong(args[4])))
            .memberId(args[2])
            .build();
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[5]); i++) {
      leases.add(fleet.lease(String.format("%s-%03d", name, i)));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(fleet::close));
    System.out.println(args[2] + " started");
    while (true) {
      leases.forEach(Lease::tryAcquire);
      Thread.sleep(20);
    }
  }
}
