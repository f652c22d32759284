package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncException;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final WebhookSecret OLD = WebhookSecret.of("Zx9-kL2.qWeRtYuIoPaSdF_gHjKlZxCv");
  private static final SigningKey SW_KEY =
      SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final SigningKey SW_OLD =
      SigningKey.standardWebhooks("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
  private static final byte[] BODY =
      "{\"data\":{\"note\":\"Khách hẹn lại 📦\"}}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final WebhookVerifier tikiNow =
      WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET).build();
  private final WebhookVerifier standard =
      WebhookVerifier.builder(SignatureScheme.standardWebhooks(Duration.ofMinutes(5)))
          .key("current", SW_KEY)
          .clock(clock)
          .build();

  @Test
  void validTikiNowSignatureOverUtf8BytesVerifies() {
    Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY);

    assertThat(tikiNow.verify(headers, BODY)).isEqualTo(new Verification("default", null, null));
  }

  @Test
  void headerNameAndHexCaseDoNotMatter() {
    String signature =
        WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY).get("x-signature");

    assertThat(tikiNow.verify(Map.of("X-SIGNATURE", signature.toUpperCase()), BODY).keyId())
        .isEqualTo("default");
    assertThat(tikiNow.verify(Map.of("x-Signature", " " + signature + " "), BODY).keyId())
        .isEqualTo("default");
  }

  @Test
  void bodyDecodedAndReencodedDoesNotVerify() {
    Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY);
    byte[] latin1 = new String(BODY, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);

    assertReason(() -> tikiNow.verify(headers, latin1), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void multiValuedHeadersAreSearchedForAMatchingSignature() {
    String good = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY).get("x-signature");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Signature", Arrays.asList(null, "sha1=zz", good));

    assertThat(tikiNow.verify(WebhookHeaders.ofMulti(headers), BODY).keyId()).isEqualTo("default");
  }

  @Test
  void rotationReportsWhichSecretMatched() {
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW)
            .secret("2026-03", SECRET)
            .secret("2025-09", OLD)
            .build();

    Map<String, String> signedWithOld = WebhookSigner.of(SignatureScheme.TIKINOW, OLD).sign(BODY);
    Map<String, String> signedWithNew =
        WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY);

    assertThat(verifier.verify(signedWithOld, BODY).keyId()).isEqualTo("2025-09");
    assertThat(verifier.verify(signedWithNew, BODY).keyId()).isEqualTo("2026-03");
    assertThat(verifier.keyIds()).containsExactly("2026-03", "2025-09");
  }

  @Test
  void rotationWithStandardWebhooksAcceptsAnyOfSeveralSignatures() {
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.standardWebhooks())
            .key("new", SW_KEY)
            .key("old", SW_OLD)
            .clock(clock)
            .build();
    Map<String, String> signedWithOld =
        WebhookSigner.of(SignatureScheme.standardWebhooks(), SW_OLD).sign("msg_1", NOW, BODY);
    Map<String, String> withUnknownVersionFirst = new HashMap<>(signedWithOld);
    withUnknownVersionFirst.put(
        "webhook-signature", "v1a,AAAA v2,BBBB   " + signedWithOld.get("webhook-signature"));

    assertThat(verifier.verify(withUnknownVersionFirst, BODY))
        .isEqualTo(new Verification("old", "msg_1", NOW));
  }

  @Test
  void duplicateKeyIdIsRefused() {
    WebhookVerifier.Builder builder =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET);

    assertThatThrownBy(() -> builder.secret(OLD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a key with id \"default\" was already added; give each secret its own id");
  }

  @Test
  void missingSignatureHeaderFailsWithMissingHeader() {
    assertReason(() -> tikiNow.verify(Map.of(), BODY), Reason.MISSING_HEADER)
        .hasMessage("MISSING_HEADER: the header x-signature is missing or empty");
    assertReason(() -> tikiNow.verify(Map.of("x-signature", "  "), BODY), Reason.MISSING_HEADER);
  }

  @Test
  void malformedSignatureFailsWithMalformedHeaderWithoutEchoingIt() {
    String almost = "sha1=" + "g".repeat(40);

    assertReason(() -> tikiNow.verify(Map.of("x-signature", almost), BODY), Reason.MALFORMED_HEADER)
        .hasMessage("MALFORMED_HEADER: x-signature must be \"sha1=\" followed by 40 hex digits")
        .hasMessageNotContaining("ggg");
    assertReason(
        () -> tikiNow.verify(Map.of("x-signature", "sha256=" + "a".repeat(64)), BODY),
        Reason.MALFORMED_HEADER);
    assertReason(
        () -> tikiNow.verify(Map.of("x-signature", "a".repeat(40)), BODY), Reason.MALFORMED_HEADER);
  }

  @Test
  void wrongSignatureFailsWithNoMatchingSignatureWithoutShowingSecretOrSignature() {
    Map<String, String> signedWithOld = WebhookSigner.of(SignatureScheme.TIKINOW, OLD).sign(BODY);
    String presented = signedWithOld.get("x-signature").substring(5);

    assertReason(() -> tikiNow.verify(signedWithOld, BODY), Reason.NO_MATCHING_SIGNATURE)
        .hasMessage(
            "NO_MATCHING_SIGNATURE: no signature in x-signature matches the body under the"
                + " configured secret(s) [default]; check the secret, and pass the raw body bytes"
                + " exactly as received (never re-serialised JSON or getReader() text)")
        .hasMessageNotContaining(presented)
        .hasMessageNotContaining(SECRET.reveal())
        .isInstanceOf(EventSyncException.class);
  }

  @Test
  void bodyOverTheLimitFailsWithBodyTooLargeBeforeHashing() {
    WebhookVerifier small =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET).maxBodyBytes(8).build();
    Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY);

    assertReason(() -> small.verify(headers, BODY), Reason.BODY_TOO_LARGE)
        .hasMessage(
            "BODY_TOO_LARGE: the body has "
                + BODY.length
                + " bytes, more than the limit of 8; raise maxBodyBytes(...) if such deliveries"
                + " are expected");
    assertThat(
            small
                .verify(
                    WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(new byte[8]),
                    new byte[8])
                .keyId())
        .isEqualTo("default");
    assertThat(
            WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET).build().maxBodyBytes())
        .isEqualTo(1024 * 1024);
  }

  @Test
  void standardWebhooksWithinToleranceVerifiesAndReturnsIdAndTimestamp() {
    Map<String, String> headers = sign(NOW.minusSeconds(300));

    assertThat(standard.verify(headers, BODY))
        .isEqualTo(new Verification("current", "msg_1", NOW.minusSeconds(300)));
    assertThat(standard.verify(sign(NOW.plusSeconds(300)), BODY).timestamp())
        .isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void timestampOlderThanToleranceFailsWithTimestampTooOld() {
    Map<String, String> headers = sign(NOW.minusSeconds(301));

    assertReason(() -> standard.verify(headers, BODY), Reason.TIMESTAMP_TOO_OLD)
        .hasMessage(
            "TIMESTAMP_TOO_OLD: webhook-timestamp 1772358899 is 301 s before"
                + " 2026-03-01T10:00:00Z, more than the tolerance of 300 s; a replay, a delayed"
                + " delivery or a slow clock (check NTP, or verify against the receipt time)");
  }

  @Test
  void timestampFurtherAheadThanToleranceFailsWithTimestampInFuture() {
    Map<String, String> headers = sign(NOW.plusSeconds(301));

    assertReason(() -> standard.verify(headers, BODY), Reason.TIMESTAMP_IN_FUTURE)
        .hasMessageStartingWith("TIMESTAMP_IN_FUTURE: webhook-timestamp 1772359501 is 301 s after");
  }

  @Test
  void separatePastAndFutureTolerancesApply() {
    WebhookVerifier verifier =
        WebhookVerifier.builder(
                SignatureScheme.standardWebhooks()
                    .withTolerance(Duration.ofHours(1), Duration.ofSeconds(10)))
            .key(SW_KEY)
            .clock(clock)
            .build();

    assertThat(verifier.verify(sign(NOW.minusSeconds(3000)), BODY).keyId()).isEqualTo("default");
    assertReason(
        () -> verifier.verify(sign(NOW.plusSeconds(11)), BODY), Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void clockIsReadAtEachVerification() {
    Map<String, String> headers = sign(NOW);
    assertThat(standard.verify(headers, BODY).keyId()).isEqualTo("current");

    clock.advance(Duration.ofMinutes(6));

    assertReason(() -> standard.verify(headers, BODY), Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void queuedDeliveryVerifiesAgainstItsReceiptTime() {
    Map<String, String> headers = sign(NOW.minus(Duration.ofHours(2)));

    Verification verification =
        standard.verify(WebhookHeaders.of(headers), BODY, NOW.minus(Duration.ofHours(2)));

    assertThat(verification.keyId()).isEqualTo("current");
  }

  @Test
  void forgedStandardWebhookWithOldTimestampFailsWithNoMatchingSignature() {
    Map<String, String> headers = new HashMap<>(sign(NOW.minusSeconds(10_000)));
    headers.put("webhook-timestamp", Long.toString(NOW.getEpochSecond()));

    assertReason(() -> standard.verify(headers, BODY), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void standardWebhooksMissingIdTimestampOrSignatureFailsWithMissingHeader() {
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, String> headers = new HashMap<>(sign(NOW));
      headers.remove(name);

      assertReason(() -> standard.verify(headers, BODY), Reason.MISSING_HEADER)
          .hasMessage("MISSING_HEADER: the header " + name + " is missing or empty");
    }
  }

  @Test
  void standardWebhooksMalformedHeadersFailWithMalformedHeader() {
    Map<String, String> good = sign(NOW);
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("webhook-timestamp", "1614265330.5"),
            Map.entry("webhook-timestamp", "-1"),
            Map.entry("webhook-timestamp", "9".repeat(16)),
            Map.entry("webhook-id", "msg 1"),
            Map.entry("webhook-id", "x".repeat(257)),
            Map.entry("webhook-signature", "v1,not base64!"),
            Map.entry("webhook-signature", "v1,AAAA"),
            Map.entry("webhook-signature", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))) {
      Map<String, String> headers = new HashMap<>(good);
      headers.put(bad.getKey(), bad.getValue());

      assertReason(() -> standard.verify(headers, BODY), Reason.MALFORMED_HEADER);
    }
  }

  @Test
  void standardWebhooksWithOnlyUnknownVersionsFailsWithNoMatchingSignature() {
    Map<String, String> headers = new HashMap<>(sign(NOW));
    headers.put("webhook-signature", "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    assertReason(() -> standard.verify(headers, BODY), Reason.NO_MATCHING_SIGNATURE)
        .hasMessage("NO_MATCHING_SIGNATURE: webhook-signature carries no v1 signature to check");
  }

  @Test
  void differingDuplicateIdHeadersAreMalformed() {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sign(NOW).forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put("webhook-id", List.of("msg_1", "msg_2"));

    assertReason(
            () -> standard.verify(WebhookHeaders.ofMulti(headers), BODY), Reason.MALFORMED_HEADER)
        .hasMessage("MALFORMED_HEADER: webhook-id has several different values");
  }

  @Test
  void hugeHeadersAreMalformedWithoutBeingParsed() {
    String huge = "sha1=" + "a".repeat(1_000_000);

    assertReason(() -> tikiNow.verify(Map.of("x-signature", huge), BODY), Reason.MALFORMED_HEADER)
        .hasMessage("MALFORMED_HEADER: x-signature is longer than 8192 characters");
  }

  @Test
  void tooManyHeaderValuesAreMalformed() {
    List<String> values = java.util.Collections.nCopies(33, "sha1=" + "a".repeat(40));

    assertReason(
            () -> tikiNow.verify(WebhookHeaders.ofMulti(Map.of("x-signature", values)), BODY),
            Reason.MALFORMED_HEADER)
        .hasMessage("MALFORMED_HEADER: more than 32 values of x-signature");
  }

  @Test
  void nullKeysAndValuesInHeaderMapsAreIgnored() {
    Map<String, String> headers = new HashMap<>();
    headers.put(null, "sha1=" + "a".repeat(40));
    headers.put("x-signature", null);
    Map<String, List<String>> multi = new HashMap<>();
    multi.put(null, null);
    multi.put("x-signature", null);

    assertReason(() -> tikiNow.verify(headers, BODY), Reason.MISSING_HEADER);
    assertReason(() -> tikiNow.verify(WebhookHeaders.ofMulti(multi), BODY), Reason.MISSING_HEADER);
    assertReason(() -> tikiNow.verify((Map<String, String>) null, BODY), Reason.MISSING_HEADER);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void wronglyTypedHeaderMapsAreToleratedThroughRawTypes() {
    Map raw = new HashMap();
    raw.put(42, "sha1=" + "a".repeat(40));
    raw.put("x-signature", List.of(7));

    assertReason(() -> tikiNow.verify((Map<String, String>) raw, BODY), Reason.MISSING_HEADER);
    assertReason(
        () -> tikiNow.verify(WebhookHeaders.ofMulti((Map<String, List<String>>) raw), BODY),
        Reason.MISSING_HEADER);
  }

  @Test
  void headerMapThatThrowsWhenReadIsMalformed() {
    Map<String, String> hostile =
        new HashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          public java.util.Set<Map.Entry<String, String>> entrySet() {
            throw new IllegalStateException("boom");
          }
        };

    assertReason(() -> tikiNow.verify(hostile, BODY), Reason.MALFORMED_HEADER)
        .hasMessage("MALFORMED_HEADER: the headers could not be read (x-signature)");
  }

  @Test
  void builderRefusesWebhookSecretForStandardWebhooksAndMissingKeys() {
    assertThatThrownBy(
            () -> WebhookVerifier.builder(SignatureScheme.standardWebhooks()).secret(SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Standard Webhooks secrets are base64 keys");
    assertThatThrownBy(() -> WebhookVerifier.builder(SignatureScheme.TIKINOW).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no secret: call secret(...) or key(...)");
    assertThatThrownBy(() -> WebhookVerifier.builder(SignatureScheme.TIKINOW).maxBodyBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBodyBytes < 0: -1");
  }

  @Test
  void toStringShowsKeyIdsButNoSecret() {
    assertThat(tikiNow.toString())
        .isEqualTo("WebhookVerifier[SignatureScheme[TIKINOW, x-signature], keys=[default]]");
  }

  @Test
  void verifierIsSafeToShareAcrossThreads() throws Exception {
    Map<String, String> good = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(BODY);
    Map<String, String> bad = WebhookSigner.of(SignatureScheme.TIKINOW, OLD).sign(BODY);
    int[] failures = new int[1];
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 2_000; i++) {
                  try {
                    tikiNow.verify(good, BODY);
                  } catch (RuntimeException e) {
                    synchronized (failures) {
                      failures[0]++;
                    }
                  }
                  try {
                    tikiNow.verify(bad, BODY);
                    synchronized (failures) {
                      failures[0]++;
                    }
                  } catch (SignatureVerificationException expected) {
                    // the wrong secret must never verify
                  }
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures[0]).isZero();
  }

  private Map<String, String> sign(Instant timestamp) {
    return WebhookSigner.of(SignatureScheme.standardWebhooks(), SW_KEY)
        .sign("msg_1", timestamp, BODY);
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertReason(
      ThrowingCallable call, Reason reason) {
    return assertThatThrownBy(call)
        .isExactlyInstanceOf(SignatureVerificationException.class)
        .satisfies(
            e -> assertThat(((SignatureVerificationException) e).reason()).isEqualTo(reason));
  }
}
