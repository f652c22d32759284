package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxCliTest {
  private static final String QUEUES = "/integration/v1/queues";

  @Test
  void printsTheListeningLineAndTheCredentials() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    try (EventSyncSandbox sandbox =
        SandboxCli.start(new String[] {"--port", "0", "--seed", "7"}, out)) {
      String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

      assertThat(lines[0]).isEqualTo("eventsync sandbox listening on " + sandbox.url());
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .contains("sandbox-token", "sandbox-client", "sandbox-secret");
      assertThat(sandbox.options().seed()).isEqualTo(7);
      assertThat(new Http(sandbox).get("/_sandbox/stats").status).isEqualTo(200);
    }
  }

  @Test
  void rejectsUnknownOptionsAndMissingValues() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--verbose"}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option: --verbose");
    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--port"}, out))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--seed", "x"}, out))
        .hasMessage("--seed must be a number: x");
    assertThat(SandboxCli.start(new String[] {"--help"}, out)).isNull();
  }

  @Test
  void takesTheBodyAndEmitLimits() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    try (EventSyncSandbox sandbox =
        SandboxCli.start(
            new String[] {"--max-body-bytes", "1024", "--max-emit-bytes", "2048"}, out)) {
      assertThat(sandbox.options().maxRequestBodyBytes()).isEqualTo(1024);
      assertThat(sandbox.options().maxEmitBytes()).isEqualTo(2048);
    }
    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--max-body-bytes", "0"}, out))
        .hasMessageStartingWith("maxRequestBodyBytes must be within 1..");
  }

  @Test
  void takesTheQueueLimitAndStillRefusesTheQueueBeyondIt() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    try (EventSyncSandbox sandbox = SandboxCli.start(new String[] {"--max-queues", "12"}, out)) {
      assertThat(sandbox.options().maxQueues()).isEqualTo(12);
      Http http = new Http(sandbox);
      for (int i = 0; i < 12; i++) {
        assertThat(http.post(QUEUES, "{\"name\":\"q" + i + "\"}").status).isEqualTo(200);
      }
      Http.Reply refused = http.post(QUEUES, "{\"name\":\"q12\"}");
      assertThat(refused.status).isEqualTo(400);
      assertThat(refused.body).contains("QUEUE_LIMIT_EXCEEDED", "at most 12 queues");
    }
    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--max-queues", "-1"}, out))
        .hasMessage("maxQueues must not be negative: -1");
    assertThatThrownBy(() -> SandboxCli.start(new String[] {"--max-queues", "3000000000"}, out))
        .hasMessage("--max-queues is out of range: 3000000000");
    assertThat(SandboxCli.USAGE).contains("[--max-queues N]");
  }
}
