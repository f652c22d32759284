package io.eventsync.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CloseReport.Abandoned;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testing.CapturingLogs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What close() does with a fetch in flight, and what its report says was abandoned. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerCloseTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private EventSyncClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client = EventSyncClient.builder().baseUrl(server.url("/").toString()).build();
    CapturingLogs.clear();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  /** Makes the server take every request and never answer it. */
  private void neverAnswer() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
  }

  private PollerBuilder<QueueEvent> poller() {
    return client
        .eventQueue()
        .poller("q1")
        .cursorStore(CursorStore.inMemory())
        .handler(event -> handled.add(event.id()));
  }

  private static List<String> warnings() {
    return CapturingLogs.lines().stream()
        .filter(line -> line.startsWith("WARN "))
        .collect(Collectors.toList());
  }

  @Test
  void closeCancelsAFetchTheServerNeverAnswersAndSaysSo() throws Exception {
    neverAnswer();
    Poller poller = poller().build();
    poller.start();
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull(); // the pull is in flight

    long start = System.nanoTime();
    CloseReport report = poller.close(Duration.ofSeconds(5));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(report.abandoned()).isEqualTo(Abandoned.FETCH);
    assertThat(report.clean()).isTrue();
    assertThat(report.abandonedThreads()).isZero();
    assertThat(tookMillis).as("close returned before its 5 s timeout").isLessThan(4_000);
    assertThat(warnings()).isEmpty(); // no "event in flight", no fetch failure
    assertThat(poller.state()).isEqualTo(PollerState.CLOSED);
    assertThat(handled).isEmpty();
  }

  @Test
  void closeCancelsAHangingTlsHandshakeAtOnce() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EventSyncClient tls =
            EventSyncClient.builder()
                .baseUrl("https://127.0.0.1:" + silent.getLocalPort() + "/")
                .build()) {
      Poller poller =
          tls.eventQueue()
              .poller("q1")
              .cursorStore(CursorStore.inMemory())
              .handler(event -> handled.add(event.id()))
              .build();
      poller.start();
      try (Socket accepted = silent.accept()) {
        // The first byte of a ClientHello (a TLS handshake record): the client is in its
        // handshake, waiting for a ServerHello that never comes.
        assertThat(accepted.getInputStream().read()).isEqualTo(0x16);

        CloseReport report = poller.close(Duration.ofSeconds(5));

        assertThat(report.abandoned()).isEqualTo(Abandoned.FETCH);
        assertThat(report.clean()).isTrue();
        assertThat(warnings()).isEmpty();
      }
    }
  }

  @Test
  void closeCancelsAFetchWhoseConnectionWasJustAccepted() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EventSyncClient tls =
            EventSyncClient.builder()
                .baseUrl("https://127.0.0.1:" + silent.getLocalPort() + "/")
                .build()) {
      Poller poller =
          tls.eventQueue()
              .poller("q1")
              .cursorStore(CursorStore.inMemory())
              .handler(event -> handled.add(event.id()))
              .build();
      poller.start();
      try (Socket accepted = silent.accept()) {
        // Accepted by the kernel: the client may still be connecting (OkHttp's fast fallback
        // connects on another thread, beyond the reach of the call's cancel) or starting TLS.
        assertThat(accepted.isConnected()).isTrue();

        CloseReport report = poller.close(Duration.ofSeconds(5));

        assertThat(report.abandoned()).isEqualTo(Abandoned.FETCH);
        assertThat(report.clean()).isTrue();
        assertThat(warnings()).isEmpty();
      }
    }
  }

  @Test
  void closeCancelsTheFetchOfADrainOnAnotherThreadWhichThenReturns() throws Exception {
    neverAnswer();
    Poller poller = poller().build();
    CompletableFuture<DrainResult> drain = CompletableFuture.supplyAsync(poller::drain);
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

    CloseReport report = poller.close(Duration.ofSeconds(5));

    assertThat(report.abandoned()).isEqualTo(Abandoned.FETCH);
    assertThat(drain.get(5, TimeUnit.SECONDS).handled()).isZero();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aHandlerStillRunningWhenTheTimeRunsOutIsReportedAsTheAbandonedEvent() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(
                "{\"ack_id\":\"a1\",\"events\":[{\"id\":\"e1\",\"type\":\"ORDER_CREATED\","
                    + "\"created_at\":1764583200000,\"payload\":{}}]}")
            .build());
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Poller poller =
        poller()
            .handler(
                event -> {
                  inHandler.countDown();
                  release.await();
                })
            .build();
    poller.start();
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

    CloseReport report = poller.close(Duration.ofMillis(200));
    release.countDown();

    assertThat(report.abandoned()).isEqualTo(Abandoned.EVENT);
    assertThat(report.clean()).isFalse();
    assertThat(warnings())
        .anySatisfy(line -> assertThat(line).contains("its event in flight will be handed over"));
  }

  @Test
  void closingAnIdlePollerAbandonsNothing() throws Exception {
    Poller poller = poller().build();

    CloseReport report = poller.close(Duration.ofSeconds(5));

    assertThat(report.abandoned()).isEqualTo(Abandoned.NOTHING);
    assertThat(report.clean()).isTrue();
  }
}
