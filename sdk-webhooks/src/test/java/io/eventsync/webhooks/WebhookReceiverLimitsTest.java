package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The receiver against hostile or broken senders, with raw sockets. */
@Timeout(30)
class WebhookReceiverLimitsTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final WebhookSigner SIGNER = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET);
  private static final byte[] STOCK =
      "{\"data\":{\"sku\":\"8936\",\"warehouse\":\"sgn3\",\"qty_salable\":147}}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<WebhookDelivery> handled = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private WebhookReceiver receiver;

  @AfterEach
  void closeAll() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private void start(WebhookReceiver.Builder builder) {
    receiver = builder.handler(handled::add).build().start();
  }

  private static WebhookReceiver.Builder builder() {
    return WebhookReceiver.builder(
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET).maxBodyBytes(4096).build());
  }

  @Test
  void fourSilentClientsCannotStopALegitimateDelivery() throws Exception {
    start(builder().requestTimeout(Duration.ofSeconds(60)));
    String signature = SIGNER.sign(STOCK).get("x-signature");
    send(open(), "POST /webhooks HTTP/1.1\r\nHost: x\r\n"); // headers never end
    send(open(), "POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"data\"");
    send(
        open(),
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"dat\r\n");
    send(
        open(),
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nx-signature: "
            + signature
            + "\r\nContent-Length: "
            + STOCK.length
            + "\r\n\r\n{");

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(receiver.url())
                .timeout(Duration.ofSeconds(10)) // far shorter than the silent clients' 60 s
                .header("x-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(STOCK))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void requestNotReadWithinTheTimeoutIsAnswered408EvenWhenItTrickles() throws Exception {
    start(builder().requestTimeout(Duration.ofMillis(500)));
    Socket silent = open();
    send(silent, "POST /webhooks HTTP/1.1\r\nHost: x\r\n");
    Socket trickling = open();
    send(trickling, "POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n");
    String answer = null;
    for (int i = 0; i < 100 && answer == null; i++) { // one byte every 100 ms: never idle 500 ms
      try {
        send(trickling, "x");
      } catch (IOException closed) {
        answer = readAll(trickling);
      }
      Thread.sleep(100);
    }
    if (answer == null) {
      answer = readAll(trickling);
    }

    assertThat(readAll(silent)).startsWith("HTTP/1.1 408 ").contains("\"REQUEST_TIMEOUT\"");
    assertThat(answer).startsWith("HTTP/1.1 408 ");
    assertThat(handled).isEmpty();
  }

  @Test
  void declaredOversizeBodyIsAnswered413WithoutDraining() throws Exception {
    start(builder());
    Socket socket = open();

    send(
        socket,
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nx-signature: sha1="
            + "0".repeat(40)
            + "\r\nContent-Length: 200000000\r\n\r\n");

    String answer = readAll(socket); // the client sent no byte of the body and waits
    assertThat(answer)
        .startsWith("HTTP/1.1 413 ")
        .contains("Connection: close")
        .endsWith(
            "{\"success\":false,\"error\":{\"code\":\"BODY_TOO_LARGE\","
                + "\"message\":\"the body is larger than the limit of 4096 bytes\"}}");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
    start(builder());
    Socket socket = open();
    send(
        socket,
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nx-signature: "
            + SIGNER.sign(STOCK).get("x-signature")
            + "\r\nContent-Length: "
            + STOCK.length
            + "\r\n\r\n");

    byte[] interim = new byte["HTTP/1.1 100 Continue\r\n\r\n".length()];
    socket.getInputStream().readNBytes(interim, 0, interim.length);
    assertThat(new String(interim, StandardCharsets.US_ASCII))
        .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    socket.getOutputStream().write(STOCK);

    assertThat(readAll(socket)).startsWith("HTTP/1.1 200 ").endsWith("{\"success\":true}");
    assertThat(handled).hasSize(1);
  }

  @Test
  void bodyCutShortAndHalfClosedGets400() throws Exception {
    start(builder());
    Socket socket = open();
    send(
        socket,
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nx-signature: "
            + SIGNER.sign(STOCK).get("x-signature")
            + "\r\nContent-Length: "
            + STOCK.length
            + "\r\n\r\n{\"data\":");

    socket.shutdownOutput();

    assertThat(readAll(socket))
        .startsWith("HTTP/1.1 400 ")
        .endsWith(
            "{\"success\":false,\"error\":{\"code\":\"BODY_INCOMPLETE\",\"message\":\"the body"
                + " ended after 8 of its "
                + STOCK.length
                + " declared bytes\"}}");
    assertThat(handled).isEmpty();
  }

  @Test
  void chunkedDeliveryIsHandledWithItsExactBytes() throws Exception {
    start(builder());
    Socket socket = open();
    String body = new String(STOCK, StandardCharsets.UTF_8);

    send(
        socket,
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nx-signature: "
            + SIGNER.sign(STOCK).get("x-signature")
            + "\r\n\r\n"
            + "a;ext=1\r\n"
            + body.substring(0, 10)
            + "\r\n"
            + Integer.toHexString(body.length() - 10)
            + "\r\n"
            + body.substring(10)
            + "\r\n0\r\nTrailer: yes\r\n\r\n");

    assertThat(readAll(socket)).startsWith("HTTP/1.1 200 ");
    assertThat(handled).singleElement().satisfies(d -> assertThat(d.body()).isEqualTo(STOCK));
  }

  @Test
  void malformedRequestsAreAnswered400() throws Exception {
    start(builder());

    assertThat(exchange("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /webhooks HTTP/1.1\r\nContent-Length: x1\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ")
        .contains("\"BAD_REQUEST\"");
    assertThat(
            exchange(
                "POST /webhooks HTTP/1.1\r\nContent-Length: 2\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /webhooks HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /webhooks HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431 ");
    assertThat(handled).isEmpty();
  }

  @Test
  void connectionsBeyondTheLimitAreAnswered503WithRetryAfter() throws Exception {
    start(builder().maxConnections(2));
    send(open(), "POST /webhooks HTTP/1.1\r\n");
    send(open(), "POST /webhooks HTTP/1.1\r\n");
    awaitOpenConnections(2);

    String answer = exchange("POST /webhooks HTTP/1.1\r\nContent-Length: 0\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1\r\n");
  }

  @Test
  void closeDropsTheConnectionsStillBeingRead() throws Exception {
    start(builder().requestTimeout(Duration.ofSeconds(60)));
    Socket silent = open();
    send(silent, "POST /webhooks HTTP/1.1\r\nHost: x\r\n");
    awaitOpenConnections(1);

    receiver.close();

    int read; // closed at once, not after the 60 s request timeout (the socket's is 20 s)
    try {
      read = silent.getInputStream().read();
    } catch (SocketException reset) {
      read = -1;
    }
    assertThat(read).isEqualTo(-1);
  }

  private void awaitOpenConnections(int count) throws InterruptedException {
    while (receiver.openConnections() < count) {
      Thread.sleep(10);
    }
  }

  private String exchange(String request) throws IOException {
    Socket socket = open();
    send(socket, request);
    return readAll(socket);
  }

  private Socket open() throws IOException {
    URI url = receiver.url();
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort());
    socket.setSoTimeout(20_000);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String readAll(Socket socket) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[1024];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer, connection still open: " + bytes, e);
    } catch (IOException e) {
      if (bytes.size() == 0) {
        throw e;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
