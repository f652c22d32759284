package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixedHexFormatTest {
  private static final PrefixedHexFormat SHA1 =
      new PrefixedHexFormat("HmacSHA1", "x-signature", "sha1=", 20);
  private static final byte[] BODY =
      "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

  private static MacKey key(String id, String text) {
    return new MacKey(id, SigningKey.ofText(text), "HmacSHA1");
  }

  @Test
  void signsTheRawBodyAsPrefixAndLowercaseHex() {
    // RFC 2202, HMAC-SHA1 test case 2.
    Map<String, String> headers = SHA1.sign(List.of(key("0", "Jefe")), BODY, Clock.systemUTC());

    assertThat(headers)
        .containsExactly(Map.entry("x-signature", "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
  }

  @Test
  void parsesPrefixAndHexInEitherCaseAndSkipsValuesOfAnotherShape() {
    byte[] mac = new byte[20];
    Arrays.fill(mac, (byte) 0xab);
    String written = SHA1.write(mac);

    List<byte[]> parsed =
        SHA1.parse(List.of("sha256=" + "ab".repeat(20), "  " + written.toUpperCase() + " "));

    assertThat(written).isEqualTo("sha1=" + "ab".repeat(20));
    assertThat(parsed).containsExactly(mac);
  }

  @Test
  void headerWithNoWellFormedSignatureIsMalformed() {
    assertThatThrownBy(() -> SHA1.parse(List.of("sha1=" + "zz".repeat(20), "sha1=abc")))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessage("MALFORMED_HEADER: x-signature must be \"sha1=\" followed by 40 hex digits")
        .extracting(e -> ((SignatureVerificationException) e).reason())
        .isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void verifyNamesTheFirstKeyWhoseMacMatchesAndCarriesNoIdOrTimestamp() {
    Map<String, String> headers = SHA1.sign(List.of(key("new", "Jefe")), BODY, Clock.systemUTC());

    Verification verified =
        SHA1.verify(
            WebhookHeaders.of(headers),
            BODY,
            Instant.EPOCH,
            List.of(key("old", "other"), key("new", "Jefe")));

    assertThat(verified).isEqualTo(new Verification("new", null, null));
  }

  @Test
  void signatureOfAnotherKeyOrBodyMatchesNoKey() {
    Map<String, String> headers = SHA1.sign(List.of(key("0", "Jefe")), BODY, Clock.systemUTC());
    List<MacKey> otherKey = List.of(key("other", "not Jefe"));
    List<MacKey> sameKey = List.of(key("same", "Jefe"));

    assertThatThrownBy(() -> SHA1.verify(WebhookHeaders.of(headers), BODY, Instant.EPOCH, otherKey))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageStartingWith(
            "NO_MATCHING_SIGNATURE: no signature in x-signature matches the body under the"
                + " configured secret(s) [other]");
    assertThatThrownBy(
            () ->
                SHA1.verify(
                    WebhookHeaders.of(headers), "changed".getBytes(), Instant.EPOCH, sameKey))
        .isInstanceOf(SignatureVerificationException.class)
        .extracting(e -> ((SignatureVerificationException) e).reason())
        .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void hasNoTimestampIdOrSeveralSignaturesAndRefusesWhsecKeys() {
    SigningKey whsec = SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(SHA1.hasTimestamp()).isFalse();
    assertThat(SHA1.carriesSeveralSignatures()).isFalse();
    assertThat(SHA1.pastTolerance()).isNull();
    assertThat(SHA1.futureTolerance()).isNull();
    assertThatThrownBy(() -> SHA1.checkKey("TIKINOW", whsec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TIKINOW signs with the secret's own bytes");
    assertThatThrownBy(() -> SHA1.withTolerance(Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SHA1.sign(List.of(key("0", "k")), "id", Instant.EPOCH, BODY))
        .isInstanceOf(IllegalStateException.class);
  }
}
