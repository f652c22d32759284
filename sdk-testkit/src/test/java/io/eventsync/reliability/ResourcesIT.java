package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.collector.CollectorEvent;
import io.eventsync.collector.CollectorEventType;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.OrderItem;
import io.eventsync.poll.CloseReport;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.DeliveryRetryPolicy;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookReceiver;
import io.eventsync.webhooks.WebhookVerifier;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code close()}, nothing of the SDK is left running: no thread named {@code eventsync-*}
 * (pollers, their worker pools, the order publisher, the webhook receiver) and no open socket.
 *
 * <p>Sockets are counted as this process's file descriptors that are TCP sockets ({@code
 * /proc/self/fd} against {@code /proc/self/net/tcp}). The count is taken before the sandbox starts
 * and again after the SDK's objects and then the sandbox are closed, so the sandbox's own sockets
 * (its listening socket, the server side of each connection, its webhook deliverer's connections)
 * are gone too: any socket left over is one the SDK did not close — for example a pooled connection
 * that {@link EventSyncClient#close()} did not evict, which the server's close would leave in
 * CLOSE_WAIT rather than free. The tolerance is zero; the wait for the count to come down is
 * bounded (the server side notices the client's close asynchronously).
 *
 * <p>OkHttp's threads: the SDK makes only synchronous calls, so its client never starts dispatcher
 * threads; the connection pool's cleanup runs on OkHttp's JVM-wide {@code OkHttp TaskRunner}
 * threads, shared by every OkHttp client in the process (the sandbox's included) and ending by
 * themselves after 60 s idle. They are listed, not failed on; any other {@code OkHttp} thread is.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ResourcesIT {
  @TempDir Path dir;

  @Test
  void afterCloseNoSdkThreadIsAliveAndNoSocketIsLeftOpen() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    long socketsBefore = openSockets();
    Set<Thread> earlier = sdkThreadSet(); // left by other test classes in this JVM, if any
    List<String> okHttpBefore = threads("OkHttp");
    EventSyncSandbox sandbox =
        EventSyncSandbox.start(
            SandboxOptions.builder()
                .deliveryRetryPolicy(
                    new DeliveryRetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)))
                .build());
    long socketsWhileRunning;
    List<String> sdkThreadsWhileRunning;
    try {
      EventSyncClient client = sandbox.clientBuilder().build();
      WebhookSecret secret = WebhookSecret.generate();
      AtomicInteger webhooks = new AtomicInteger();
      WebhookReceiver receiver =
          WebhookReceiver.builder(
                  WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build())
              .handler(delivery -> webhooks.incrementAndGet())
              .build()
              .start();

      // every family once, with the SDK's own threads: a background poller with a worker pool,
      // the order publisher's pool, the receiver's pool
      EventQueueApi queue = client.eventQueue();
      String code = queue.createQueue("resources").code();
      queue.subscribe(code, EventType.ORDER_STATUS_UPDATED);
      sandbox.emitTikiEvents(EventType.ORDER_STATUS_UPDATED.value(), 500);
      AtomicInteger handled = new AtomicInteger();
      Poller poller =
          queue
              .poller(code)
              .cursorStore(CursorStore.file(dir))
              .idleBackoff(Duration.ofMillis(20))
              .concurrency(2, event -> event.id().substring(0, 1))
              .handler(event -> handled.incrementAndGet())
              .build();
      poller.start();
      sandbox.appendLogRows(300);
      assertThat(client.eventLog().stream(EventLogQuery.all().limit(50)).count()).isEqualTo(300);
      CollectorEvent event =
          client
              .collector("tenant-r")
              .events()
              .create(CollectorEvent.builder(CollectorEventType.FAULT, "x").build());
      assertThat(client.collector("tenant-r").events().get(event.id())).isEqualTo(event);
      List<CustomerOrderUpdate> orders = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        orders.add(
            CustomerOrderUpdate.of(
                "store-r",
                CustomerOrder.builder("o-" + i, "c", CustomerOrderStatus.CREATED)
                    .item(OrderItem.of("i", 1, BigDecimal.ONE))
                    .build(),
                1));
      }
      assertThat(
              client
                  .customerOrders()
                  .publisher()
                  .concurrency(3)
                  .build()
                  .publish(orders.stream())
                  .sent())
          .isEqualTo(30);
      client
          .fulfillment()
          .registerWebhooks(
              WebhookRegistration.builder()
                  .inventoryLocations("sgn")
                  .orderWebhook(receiver.url().toString(), secret)
                  .build());
      for (int i = 0; i < 3; i++) {
        sandbox.tikiNowOrderChange(Map.of("order_code", "r-" + i));
      }
      assertThat(sandbox.awaitDeliveries(Duration.ofSeconds(20))).isTrue();
      assertThat(webhooks.get()).isEqualTo(3);
      awaitCondition(() -> handled.get() == 500, Duration.ofSeconds(30));
      assertThat(handled.get()).isEqualTo(500);
      sdkThreadsWhileRunning = sdkThreads(earlier);
      socketsWhileRunning = openSockets();

      CloseReport report = poller.close(Duration.ofSeconds(10));
      receiver.close();
      client.close();

      assertThat(report.clean()).isTrue();
      awaitCondition(() -> sdkThreads(earlier).isEmpty(), Duration.ofSeconds(10));
      assertThat(sdkThreads(earlier)).as("SDK threads alive after close()").isEmpty();
    } finally {
      sandbox.close();
    }
    awaitCondition(() -> openSockets() <= socketsBefore, Duration.ofSeconds(10));
    long socketsAfter = openSockets();
    List<String> okHttpAfter = threads("OkHttp");
    System.out.printf(
        "resources: sockets before %d, while running %d, after close %d; SDK threads while"
            + " running %s; OkHttp threads before %s, after close %s%n",
        socketsBefore,
        socketsWhileRunning,
        socketsAfter,
        sdkThreadsWhileRunning,
        okHttpBefore,
        okHttpAfter);

    assertThat(sdkThreadsWhileRunning)
        .as("the check sees the SDK's threads")
        .anyMatch(name -> name.startsWith("eventsync-poller-"))
        .anyMatch(name -> name.startsWith("eventsync-webhooks-"));
    assertThat(socketsWhileRunning).as("the check sees sockets").isGreaterThan(socketsBefore);
    assertThat(socketsAfter).as("sockets left open").isLessThanOrEqualTo(socketsBefore);
    assertThat(okHttpAfter)
        .as("no OkHttp thread but the shared, self-ending TaskRunner threads")
        .allMatch(name -> name.startsWith("OkHttp TaskRunner"));
  }

  /**
   * The names of live SDK threads (the sandbox's own are named eventsync-sandbox-*) not among
   * {@code earlier}.
   */
  private static List<String> sdkThreads(Set<Thread> earlier) {
    return sdkThreadSet().stream()
        .filter(thread -> !earlier.contains(thread))
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  private static Set<Thread> sdkThreadSet() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> thread.getName().startsWith("eventsync-"))
        .filter(thread -> !thread.getName().startsWith("eventsync-sandbox-"))
        .collect(Collectors.toSet());
  }

  private static List<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * The number of this process's open file descriptors that are TCP sockets: {@code /proc/self/fd}
   * entries {@code socket:[inode]} whose inode {@code /proc/self/net/tcp} or {@code tcp6} lists (in
   * any state, CLOSE_WAIT included). Unix-domain sockets are not counted: the JDK keeps one for its
   * whole life once any NIO channel was closed (the pre-close descriptor of {@code sun.nio.ch}),
   * which is neither the SDK's nor a connection.
   */
  private static long openSockets() {
    try {
      Set<String> tcpInodes = new HashSet<>();
      for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
        Path file = Path.of(table);
        if (!Files.exists(file)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file); // read once: the table changes
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
          String[] columns = line.trim().split("\\s+");
          if (columns.length > 9) {
            tcpInodes.add(columns[9]);
          }
        }
      }
      try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        return fds.map(ResourcesIT::link)
            .filter(link -> link.startsWith("socket:["))
            .filter(link -> tcpInodes.contains(link.substring(8, link.length() - 1)))
            .count();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self", e);
    }
  }

  private static String link(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed while listing (the listing's own descriptor, for one)
    }
  }

  /** Waits until {@code condition} holds or {@code timeout} passes, polling. */
  static void awaitCondition(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10); // polling for a condition, not a backoff
    }
  }
}
