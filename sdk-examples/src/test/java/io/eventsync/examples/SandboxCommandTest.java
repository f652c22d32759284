package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxCommandTest {
  /** Output that says when the banner's last line has been flushed. */
  private static final class BannerWriter extends StringWriter {
    final CountDownLatch printed = new CountDownLatch(1);

    @Override
    public void flush() {
      if (toString().contains("admin:")) {
        printed.countDown();
      }
    }
  }

  @Test
  void sandboxCommandPrintsTheStandaloneBannerAndTakesTheBodyLimit() throws Exception {
    BannerWriter out = new BannerWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread command =
        new Thread(
            () ->
                exit.set(
                    EventSyncCli.run(
                        new String[] {"sandbox", "--port", "0", "--max-body-bytes", "1024"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of())),
            "sandbox-command");
    command.start();
    try {
      assertThat(out.printed.await(30, TimeUnit.SECONDS)).as("banner printed: " + out).isTrue();
      String[] lines = out.toString().split("\n");
      assertThat(lines[0]).matches("eventsync sandbox listening on http://\\S+:\\d+");
      String url = lines[0].substring(lines[0].lastIndexOf(' ') + 1);

      assertThat(out.toString())
          .contains("sandbox-token", "sandbox-client / sandbox-secret")
          .contains(url + "/sc/oauth2/token")
          .contains(url + "/oauth2/token (audience=https://hiiretail.com)")
          .contains(url + "/auth/realms/{tenant}/protocol/openid-connect/token")
          .contains("admin:         " + url + "/_sandbox/");
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/_sandbox/stats")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      HttpResponse<String> oversize =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/_sandbox/tiki/events"))
                      .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2048)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(oversize.statusCode()).isEqualTo(413);
    } finally {
      command.interrupt();
      command.join(TimeUnit.SECONDS.toMillis(20));
    }
    assertThat(command.isAlive()).isFalse();
    assertThat(exit.get()).as("exit code; stderr: " + err).isZero();
    assertThat(err.toString()).isEmpty();
  }
}
