package io.eventsync.benchmarks;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.jdbc.FencedException;
import io.eventsync.jdbc.JdbcCursorStore;
import io.eventsync.jdbc.JdbcFleet;
import io.eventsync.poll.CloseReport;
import io.eventsync.poll.Lease;
import io.eventsync.poll.PollerBuilder;
import io.eventsync.poll.PollerGroup;
import io.eventsync.poll.PollerListener;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One replica of {@link FleetRun}, in its own JVM: one {@link JdbcFleet}, one {@link PollerGroup}
 * with a poller per queue over every stream of the run, each with its stream's fleet lease, a
 * {@link JdbcCursorStore} and a transactional handler that inserts the event's effect in the
 * checkpoint's transaction. Prints a machine-readable {@code REPLICA} line every 200 ms; on {@code
 * stop} (or end of input) on stdin closes the group, then the fleet, prints {@code REPLICA-FINAL}
 * and exits.
 *
 * <p>Arguments: {@code --id r1 --jdbc-url U --sandbox-url U --streams-file F [--ttl-ms 3000]
 * [--renewal-ms 1000] [--threads 8] [--idle-backoff-ms 500] [--pool 10] [--handler-ms 0]}; the
 * streams file has one {@code <queue code> <seller token>} line per stream.
 */
public final class FleetReplica {
  static final String FLEET = "fleetrun";
  static final String EFFECTS = "fleet_effects";
  private static final Pattern SEQ = Pattern.compile("\"n\"\\s*:\\s*(\\d+)");

  private FleetReplica() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    String id = o.get("id");
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(o.get("jdbc-url"));
    SmallPool pool = new SmallPool(pg, Integer.parseInt(o.getOrDefault("pool", "10")));
    List<String> lines = Files.readAllLines(Path.of(o.get("streams-file")));

    AtomicLong handled = new AtomicLong();
    AtomicLong fenced = new AtomicLong();
    AtomicLong halted = new AtomicLong();
    AtomicLong retrying = new AtomicLong();
    Map<String, Lease> leases = new ConcurrentHashMap<>(); // by the poller's stream name
    Map<String, String> queues = new ConcurrentHashMap<>(); // line of the streams file, by stream
    PollerGroup[] group = new PollerGroup[1];
    AtomicReference<Function<String, PollerBuilder<QueueEvent>>> pollerFor =
        new AtomicReference<>();
    ExecutorService restarts = Executors.newSingleThreadExecutor();
    long joining = System.nanoTime();
    System.out.println("REPLICA-JOINING id=" + id);
    JdbcFleet fleet =
        JdbcFleet.builder(pg, FLEET, Duration.ofMillis(Long.parseLong(o.get("ttl-ms"))))
            .renewalInterval(Duration.ofMillis(Long.parseLong(o.get("renewal-ms"))))
            .memberId(id)
            .build();
    JdbcCursorStore store = JdbcCursorStore.builder(pool).tableName("fleet_cursors").build();
    PollerListener listener =
        new PollerListener() {
          @Override
          public void halted(String stream, Throwable cause) {
            halted.incrementAndGet();
            System.out.println("REPLICA-HALT id=" + id + " stream=" + stream + " cause=" + cause);
            if (!isFenced(cause)) {
              Lease lease = leases.remove(stream);
              if (lease != null) {
                lease.close(); // a failing stream: let the fleet stop taking it for this replica
              }
              return;
            }
            fenced.incrementAndGet();
            // A fenced commit means the lease moved while this replica was frozen: the stream is
            // still wanted here. Give the lease up (JdbcFleet's javadoc) and register the stream
            // again with a new poller, off the group's thread. Closing the view alone would leave
            // the stream wanted by the other replicas only, which take no more than their share.
            restarts.execute(
                () -> {
                  Lease lease = leases.remove(stream);
                  if (lease != null) {
                    lease.close();
                  }
                  group[0].remove(stream);
                  group[0].add(pollerFor.get().apply(queues.get(stream)));
                  System.out.println("REPLICA-READDED id=" + id + " stream=" + stream);
                });
          }

          @Override
          public void retrying(
              String stream, String eventId, int attempt, Throwable error, Duration backoff) {
            retrying.incrementAndGet();
            if (isFenced(error)) {
              fenced.incrementAndGet();
            }
            System.out.println(
                "REPLICA-RETRY id=" + id + " stream=" + stream + " event=" + eventId + " " + error);
          }
        };
    group[0] =
        PollerGroup.builder()
            .name(id)
            .threads(Integer.parseInt(o.get("threads")))
            .listener(listener)
            .build();
    EventSyncClient client =
        EventSyncClient.builder()
            .baseUrl(o.get("sandbox-url"))
            .credentials(Credentials.bearer(EventSyncSandbox.DEV_TOKEN))
            .build();
    String insert =
        "INSERT INTO "
            + EFFECTS
            + " (event_id, stream, n, replica) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO"
            + " UPDATE SET applications = "
            + EFFECTS
            + ".applications + 1, last_replica = EXCLUDED.replica";
    long handlerMillis = Long.parseLong(o.get("handler-ms"));
    pollerFor.set(
        line -> {
          String[] parts = line.trim().split(" ");
          String queue = parts[0];
          Lease lease = fleet.lease(queue);
          leases.put("tiki-queue-" + queue, lease);
          queues.put("tiki-queue-" + queue, line);
          return client
              .withCredentials(Credentials.bearer(parts[1]))
              .eventQueue()
              .poller(queue)
              .cursorStore(store)
              .lease(lease)
              .idleBackoff(Duration.ofMillis(Long.parseLong(o.get("idle-backoff-ms"))))
              .handler(
                  (QueueEvent event, java.sql.Connection connection) -> {
                    try (PreparedStatement s = connection.prepareStatement(insert)) {
                      s.setString(1, event.id());
                      s.setString(2, queue);
                      s.setInt(3, seqOf(event));
                      s.setString(4, id);
                      s.executeUpdate();
                    }
                    if (handlerMillis > 0) {
                      Thread.sleep(handlerMillis); // work of the handler's, in the transaction
                    }
                    handled.incrementAndGet();
                  });
        });
    for (String line : lines) {
      group[0].add(pollerFor.get().apply(line));
    }
    ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor();
    status.scheduleAtFixedRate(
        () ->
            System.out.printf(
                Locale.ROOT,
                "REPLICA id=%s t=%d held=%d members=%d handled=%d fenced=%d halted=%d"
                    + " retrying=%d%n",
                id,
                System.currentTimeMillis(),
                fleet.heldStreams().size(),
                fleet.liveMembers(),
                handled.get(),
                fenced.get(),
                halted.get(),
                retrying.get()),
        0,
        200,
        TimeUnit.MILLISECONDS);
    System.out.println(
        "REPLICA-STARTED id="
            + id
            + " streams="
            + lines.size()
            + " add_ms="
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - joining));

    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = in.readLine()) != null && !command.trim().equals("stop")) {
      // wait for "stop" or the end of input
    }
    long closeStart = System.nanoTime();
    Map<String, CloseReport> reports = group[0].close(Duration.ofSeconds(30));
    restarts.shutdownNow();
    fleet.close();
    status.shutdownNow();
    long unclean = reports.values().stream().filter(r -> !r.clean()).count();
    System.out.printf(
        Locale.ROOT,
        "REPLICA-FINAL id=%s handled=%d fenced=%d halted=%d retrying=%d close_reports=%d"
            + " unclean=%d close_ms=%d%n",
        id,
        handled.get(),
        fenced.get(),
        halted.get(),
        retrying.get(),
        reports.size(),
        unclean,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart));
    client.close();
    pool.closeIdle();
    System.out.flush();
    System.exit(0);
  }

  static boolean isFenced(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof FencedException) {
        return true;
      }
    }
    return false;
  }

  private static int seqOf(QueueEvent event) {
    String json = event.payloadJson();
    Matcher m = SEQ.matcher(json == null ? "" : json);
    if (!m.find()) {
      throw new IllegalStateException("event " + event.id() + " has no \"n\": " + json);
    }
    return Integer.parseInt(m.group(1));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    o.put("ttl-ms", "3000");
    o.put("renewal-ms", "1000");
    o.put("threads", "8");
    o.put("idle-backoff-ms", "500");
    o.put("handler-ms", "0");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected an option but got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    for (String required : new String[] {"id", "jdbc-url", "sandbox-url", "streams-file"}) {
      if (!o.containsKey(required)) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    return o;
  }
}
