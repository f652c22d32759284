package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksFormatTest {
  private static final StandardWebhooksFormat FORMAT =
      new StandardWebhooksFormat(Duration.ofMinutes(5), Duration.ofSeconds(30));
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final MacKey SPEC_KEY =
      new MacKey(
          "spec",
          SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
          "HmacSHA256");
  private static final MacKey OTHER_KEY =
      new MacKey(
          "other",
          SigningKey.standardWebhooks("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"),
          "HmacSHA256");

  private static SignatureVerificationException.Reason reasonOf(Runnable verification) {
    try {
      verification.run();
    } catch (SignatureVerificationException e) {
      return e.reason();
    }
    throw new AssertionError("verification passed");
  }

  @Test
  void signsTheSpecificationExampleWithOneV1EntryPerKey() {
    Map<String, String> headers = FORMAT.sign(List.of(SPEC_KEY, OTHER_KEY), ID, SIGNED_AT, BODY);

    assertThat(headers.keySet())
        .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(headers.get("webhook-timestamp")).isEqualTo("1614265330");
    assertThat(headers.get("webhook-signature").split(" "))
        .hasSize(2)
        .startsWith("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void parsesV1EntriesIgnoresOtherVersionsAndFailsWithoutAnyV1() {
    byte[] mac = new byte[32];
    Arrays.fill(mac, (byte) 7);
    String v1 = StandardWebhooksFormat.write(mac);

    assertThat(FORMAT.parse(List.of("v1a,abc  " + v1 + " v2,xyz"))).containsExactly(mac);
    assertThat(reasonOf(() -> FORMAT.parse(List.of("v1a,abc v2,xyz"))))
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    assertThat(reasonOf(() -> FORMAT.parse(List.of("v1,not-base64!"))))
        .isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(reasonOf(() -> FORMAT.parse(List.of("v1,AAAA")))) // 3 bytes, not 32
        .isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(reasonOf(() -> FORMAT.parse(List.of("nocomma")))).isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void verifiesWithinTheToleranceAndReturnsTheSignedIdAndTimestamp() {
    WebhookHeaders headers = WebhookHeaders.of(FORMAT.sign(List.of(SPEC_KEY), ID, SIGNED_AT, BODY));

    Verification verified =
        FORMAT.verify(headers, BODY, SIGNED_AT.plusSeconds(300), List.of(OTHER_KEY, SPEC_KEY));

    assertThat(verified).isEqualTo(new Verification("spec", ID, SIGNED_AT));
  }

  @Test
  void authenticButStaleOrEarlyTimestampIsReportedOnlyAfterTheSignatureMatched() {
    WebhookHeaders headers = WebhookHeaders.of(FORMAT.sign(List.of(SPEC_KEY), ID, SIGNED_AT, BODY));
    List<MacKey> right = List.of(SPEC_KEY);
    List<MacKey> wrong = List.of(OTHER_KEY);
    Instant late = SIGNED_AT.plusSeconds(301);
    Instant early = SIGNED_AT.minusSeconds(31);

    assertThat(reasonOf(() -> FORMAT.verify(headers, BODY, late, right)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(() -> FORMAT.verify(headers, BODY, early, right)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(reasonOf(() -> FORMAT.verify(headers, BODY, late, wrong)))
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void missingOrMalformedIdAndTimestampHeadersAreReported() {
    Map<String, String> signed = FORMAT.sign(List.of(SPEC_KEY), ID, SIGNED_AT, BODY);
    Map<String, String> noId = new LinkedHashMap<>(signed);
    noId.remove("webhook-id");
    Map<String, String> badTimestamp = new LinkedHashMap<>(signed);
    badTimestamp.put("webhook-timestamp", "16142653.30");
    Map<String, String> badId = new LinkedHashMap<>(signed);
    badId.put("webhook-id", "msg with spaces");

    assertThat(reasonOf(() -> verify(noId))).isEqualTo(Reason.MISSING_HEADER);
    assertThat(reasonOf(() -> verify(badTimestamp))).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(reasonOf(() -> verify(badId))).isEqualTo(Reason.MALFORMED_HEADER);
  }

  private static void verify(Map<String, String> headers) {
    FORMAT.verify(WebhookHeaders.of(headers), BODY, SIGNED_AT, List.of(SPEC_KEY));
  }

  @Test
  void refusesAsciiSecretsAndBadIdsOrTimestampsWhenSigning() {
    SigningKey ascii = SigningKey.of(WebhookSecret.of("0123456789abcdef0123456789abcdef"));

    assertThat(FORMAT.hasTimestamp()).isTrue();
    assertThat(FORMAT.carriesSeveralSignatures()).isTrue();
    assertThat(FORMAT.withTolerance(Duration.ZERO, Duration.ofHours(1)).futureTolerance())
        .isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> FORMAT.checkKey("STANDARD_WEBHOOKS", ascii))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_");
    assertThatThrownBy(() -> FORMAT.sign(List.of(SPEC_KEY), "a b", SIGNED_AT, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("webhook id must be non-empty printable ASCII: a b");
    assertThatThrownBy(() -> FORMAT.sign(List.of(SPEC_KEY), ID, Instant.ofEpochSecond(-1), BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timestamp before 1970");
  }
}
