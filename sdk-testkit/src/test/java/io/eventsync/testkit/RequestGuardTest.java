package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests MockWebServer cannot take are answered, and bodies are bounded, on raw sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestGuardTest {
  private static final int LIMIT = 64 * 1024;
  private static EventSyncSandbox sandbox;

  /** MockWebServer's own log: it logs SEVERE when a connection thread crashes. */
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("mockwebserver3.MockWebServer");

  private static final List<LogRecord> SEVERE = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            SEVERE.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void start() {
    MOCK_WEB_SERVER.addHandler(CAPTURE);
    // Refused before a request line, a connection "didn't make a request": a WARNING, not news.
    MOCK_WEB_SERVER.setUseParentHandlers(false);
    sandbox = EventSyncSandbox.start(SandboxOptions.builder().maxRequestBodyBytes(LIMIT).build());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    MOCK_WEB_SERVER.removeHandler(CAPTURE);
    MOCK_WEB_SERVER.setUseParentHandlers(true);
  }

  /** The sandbox answers the next request, and no MockWebServer connection thread crashed. */
  private static void assertStillServes() {
    assertThat(SEVERE).extracting(LogRecord::getThrown).isEmpty();
    assertThat(RawHttp.exchange(sandbox.port(), RawHttp.get("/_sandbox/stats")).status())
        .isEqualTo(200);
  }

  @Test
  void aDeclaredOversizeBodyIsAnswered413AtOnceWithoutBeingSent() {
    // Headers only: the 100 MB body is never sent, so only an answer before reading it can come.
    RawHttp.Answer answer =
        RawHttp.exchange(
            sandbox.port(),
            "POST /_sandbox/tiki/events HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 100000000\r\n\r\n");

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body())
        .contains("BODY_TOO_LARGE", "100000000 bytes", "limit of " + LIMIT, "maxRequestBodyBytes");
    assertStillServes();
  }

  @Test
  void aChunkedBodyGrowingPastTheLimitIsAnswered413() {
    RawHttp.Answer answer =
        RawHttp.exchange(
            sandbox.port(),
            "POST /_sandbox/tiki/events HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n8000\r\n"
                + "x".repeat(0x8000)
                + "\r\n8001\r\n");

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("at least 65537 bytes");
    assertStillServes();
  }

  @Test
  void anOkHttpClientUploadingAnOversizeBodyReadsThe413() throws IOException {
    RequestBody fourMegabytes =
        new RequestBody() {
          @Override
          public okhttp3.MediaType contentType() {
            return Http.JSON;
          }

          @Override
          public long contentLength() {
            return 4L << 20;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
              sink.write(block);
            }
          }
        };
    Request request =
        new Request.Builder()
            .url(sandbox.url() + "/_sandbox/tiki/events")
            .post(fourMegabytes)
            .build();

    try (Response response = new Http(sandbox).client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(response.body().string()).contains("BODY_TOO_LARGE");
    }
    assertStillServes();
  }

  @Test
  void aBodyWithinTheLimitIsServed() {
    String payload = "{\"type\":\"T\",\"payload\":{\"note\":\"" + "y".repeat(LIMIT - 100) + "\"}}";

    RawHttp.Answer answer =
        RawHttp.exchange(sandbox.port(), RawHttp.post("/_sandbox/tiki/events", payload));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  static Stream<Arguments> unparseableRequests() {
    String post = "POST /_sandbox/reset HTTP/1.1\r\nHost: localhost\r\n";
    return Stream.of(
        Arguments.of(
            "a chunk size that is not hex",
            post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
            "a chunk size must be hexadecimal: zz"),
        Arguments.of(
            "a chunk extension",
            post + "Transfer-Encoding: chunked\r\n\r\n2;x=1\r\n{}\r\n0\r\n\r\n",
            400,
            "chunk extensions are not supported"),
        Arguments.of(
            "a negative chunk size",
            post + "Transfer-Encoding: chunked\r\n\r\n-2\r\n",
            400,
            "a chunk size must be hexadecimal: -2"),
        Arguments.of(
            "chunk data longer than its size",
            post + "Transfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n",
            400,
            "chunk data is longer than its chunk size"),
        Arguments.of(
            "chunked trailers",
            post + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n",
            400,
            "chunked trailers are not supported"),
        Arguments.of(
            "a Content-Length that is no number",
            post + "Content-Length: abc\r\n\r\n",
            400,
            "Content-Length must be a non-negative integer: abc"),
        Arguments.of(
            "a negative Content-Length",
            post + "Content-Length: -5\r\n\r\n",
            400,
            "Content-Length must be a non-negative integer: -5"),
        Arguments.of(
            "conflicting Content-Lengths",
            post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            400,
            "conflicting Content-Length headers"),
        Arguments.of(
            "a GET with a body",
            "GET /_sandbox/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\n\r\nx",
            400,
            "GET must not have a body"),
        Arguments.of(
            "a Host that is no host",
            "GET /_sandbox/stats HTTP/1.1\r\nHost: a b\r\n\r\n",
            400,
            "Host is no host[:port]: a b"),
        Arguments.of(
            "a target without a leading slash",
            "GET _sandbox/stats HTTP/1.1\r\n\r\n",
            400,
            "the request target is no path or URL: _sandbox/stats"),
        Arguments.of(
            "a request line of one word", "GARBAGE\r\n\r\n", 400, "malformed request line"),
        Arguments.of("another protocol", "GET / HTTP/2.0\r\n\r\n", 400, "only HTTP/1.x is served"),
        Arguments.of(
            "gzip transfer coding",
            post + "Transfer-Encoding: gzip\r\n\r\n",
            400,
            "the only Transfer-Encoding served is chunked"),
        Arguments.of(
            "headers past 64 KiB",
            "GET /_sandbox/stats HTTP/1.1\r\nX-Big: " + "h".repeat(70_000) + "\r\n\r\n",
            431,
            "the request line and headers exceed 65536"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparseableRequests")
  void aRequestMockWebServerCannotParseIsAnsweredAndTheSandboxStaysUp(
      String what, String request, int status, String message) {
    RawHttp.Answer answer = RawHttp.exchange(sandbox.port(), request);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains(message);
    assertStillServes();
  }

  @Test
  void aGoodRequestPipelinedBeforeABadOneIsAnsweredFirst() {
    String good = RawHttp.get("/_sandbox/stats");
    String bad =
        "POST /_sandbox/reset HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";

    List<RawHttp.Answer> answers = RawHttp.exchange(sandbox.port(), good + good + bad, 3);

    assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 400);
  }

  @Test
  void aChunkedBodyWithinTheLimitIsServed() {
    String body = "{\"seller_id\":\"s-1\"}";
    RawHttp.Answer answer =
        RawHttp.exchange(
            sandbox.port(),
            "POST /_sandbox/tiki/sellers HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(5)
                + "\r\n"
                + body.substring(0, 5)
                + "\r\n"
                + Integer.toHexString(body.length() - 5)
                + "\r\n"
                + body.substring(5)
                + "\r\n0\r\n\r\n");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"seller_id\":\"s-1\"");
  }
}
