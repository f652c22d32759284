package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxDispatcherTest {
  private final MockWebServer server = new MockWebServer();
  private Http http;

  @BeforeEach
  void start() throws Exception {
    StatsRecorder stats = new StatsRecorder();
    Router router =
        new Router()
            .add(
                "GET",
                "/integration/v1/boom",
                Api.TIKI_QUEUE,
                TokenStore.Scope.NONE,
                req -> {
                  throw new IllegalStateException("bug");
                })
            .add(
                "POST",
                "/_sandbox/huge",
                Api.ADMIN,
                TokenStore.Scope.NONE,
                req -> {
                  throw new OutOfMemoryError("Java heap space");
                });
    TokenStore tokens = new TokenStore(Clock.systemUTC(), new Ids(1), true);
    SandboxDispatcher dispatcher =
        new SandboxDispatcher(
            router,
            tokens,
            new SandboxFaults(stats),
            stats,
            SandboxOptions.DEFAULT_MAX_REQUEST_BODY_BYTES);
    dispatcher.attach(server);
    server.setDispatcher(dispatcher);
    server.start();
    String base = server.url("/").toString();
    http = new Http(base.substring(0, base.length() - 1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anUnexpectedExceptionIsA500WithAJsonBodyNotAStackTrace() {
    Http.Reply reply = http.get("/integration/v1/boom");

    assertThat(reply.status).isEqualTo(500);
    assertThat(reply.map())
        .containsEntry("error", "INTERNAL_ERROR")
        .containsEntry("message", "the sandbox failed: java.lang.IllegalStateException");
    assertThat(reply.body).doesNotContain("at io.eventsync");
  }

  @Test
  void aHandlerOutOfMemoryIsAnswered503AndTheServerStaysUp() {
    Http.Reply reply = http.post("/_sandbox/huge", "{}");

    assertThat(reply.status).isEqualTo(503);
    assertThat(reply.map())
        .containsEntry("error", "SERVICE_UNAVAILABLE")
        .hasEntrySatisfying("message", m -> assertThat(m.toString()).contains("out of memory"));
    assertThat(http.get("/integration/v1/boom").status).isEqualTo(500);
  }
}
