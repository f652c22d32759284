package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class RefusalLogTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final RefusalLog refusals =
      new RefusalLog(
          new EventRecordingLogger(new SubstituteLogger("webhooks", events, false), events),
          clock,
          Duration.ofMinutes(1));

  @Test
  void eachRefusalIsLoggedAtDebugAndAtMostOneWarnSummaryIsWrittenPerMinute() {
    refusals.refused(401, "NO_MATCHING_SIGNATURE", "NO_MATCHING_SIGNATURE: no match");
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofSeconds(1));
      refusals.refused(401, "NO_MATCHING_SIGNATURE", "NO_MATCHING_SIGNATURE: no match");
    }
    for (int i = 0; i < 3; i++) {
      refusals.refused(413, "BODY_TOO_LARGE", "declared Content-Length 200000000");
    }
    assertThat(lines(Level.WARN)).hasSize(1);

    clock.advance(Duration.ofSeconds(48)); // one minute after the first summary
    refusals.refused(408, "REQUEST_TIMEOUT", "late");

    assertThat(lines(Level.DEBUG))
        .hasSize(17)
        .first()
        .isEqualTo(
            "webhook delivery refused with 401 NO_MATCHING_SIGNATURE:"
                + " NO_MATCHING_SIGNATURE: no match");
    assertThat(lines(Level.WARN))
        .containsExactly(
            "refused 1 webhook delivery since 2026-03-01T00:00:00Z: 1 NO_MATCHING_SIGNATURE (at"
                + " most one such summary per 60 s; each refusal is logged at DEBUG by webhooks)",
            "refused 16 webhook deliveries since 2026-03-01T00:00:01Z: 3 BODY_TOO_LARGE,"
                + " 12 NO_MATCHING_SIGNATURE, 1 REQUEST_TIMEOUT (at most one such summary per"
                + " 60 s; each refusal is logged at DEBUG by webhooks)");
  }

  @Test
  void flushSummarizesWhatIsLeftAndNothingWhenThereIsNothing() {
    refusals.refused(401, "MISSING_HEADER", "no header");
    refusals.refused(401, "MISSING_HEADER", "no header");

    refusals.flush();
    refusals.flush();

    assertThat(lines(Level.WARN))
        .hasSize(2)
        .last()
        .asString()
        .startsWith("refused 1 webhook delivery since 2026-03-01T00:00:00Z: 1 MISSING_HEADER (");
  }

  @Test
  void theEndpointLogsARefusedDeliveryAtDebugAndSummarizesItNeverAtInfo() {
    WebhookSecret secret = WebhookSecret.of("0123456789abcdef0123456789abcdef");
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            WebhookParser.of(
                WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build()),
            delivery -> {},
            null,
            refusals);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    WebhookEndpoint.Response response =
        endpoint.handle(WebhookHeaders.of(Map.of("x-signature", "sha1=" + "0".repeat(40))), body);
    endpoint.handle(WebhookHeaders.of(Map.of()), body);
    endpoint.flushRefusals();

    assertThat(response.status).isEqualTo(401);
    assertThat(lines(Level.INFO)).isEmpty();
    assertThat(lines(Level.DEBUG))
        .hasSize(2)
        .allMatch(line -> line.startsWith("webhook delivery refused with 401 "));
    assertThat(lines(Level.WARN))
        .hasSize(2)
        .satisfiesExactly(
            first -> assertThat(first).contains(": 1 NO_MATCHING_SIGNATURE ("),
            second -> assertThat(second).contains(": 1 MISSING_HEADER ("));
  }

  private List<String> lines(Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        .map(e -> MessageFormatter.basicArrayFormat(e.getMessage(), e.getArgumentArray()))
        .collect(Collectors.toList());
  }
}
