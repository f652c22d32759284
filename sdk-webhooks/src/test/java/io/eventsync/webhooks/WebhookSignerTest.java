package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");

  @Test
  void tikiNowSignatureIsSha1PrefixAndLowercaseHexInXSignature() {
    // openssl-hmac.tsv row 1: printf '' | openssl dgst -sha1 -hmac 0123456789abcdef0123456789abcdef
    Map<String, String> headers =
        WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).sign(new byte[0]);

    assertThat(headers)
        .containsExactly(Map.entry("x-signature", "sha1=8a22708cf0dde70b0e75ead9575e659dce6a85b2"));
  }

  @Test
  void standardWebhooksSpecificationExampleIsReproduced() {
    // The example of the Standard Webhooks specification, also checked with openssl (see
    // vectors/README.md). Note: "v1,g0hM9SsE+OTPJTGt/tLc1TPlqCI+iGBpEJvLkpTbMsU=" is NOT the value:
    // only its first 16 characters agree with the specification's and openssl's.
    WebhookSigner signer =
        WebhookSigner.of(
            SignatureScheme.standardWebhooks(),
            SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    Map<String, String> headers =
        signer.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            Instant.ofEpochSecond(1614265330),
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(headers)
        .containsExactly(
            Map.entry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            Map.entry("webhook-timestamp", "1614265330"),
            Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
  }

  @Test
  void standardWebhooksSignWithoutIdUsesANewIdAndTheClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05.678Z"));
    WebhookSigner signer =
        WebhookSigner.builder(SignatureScheme.standardWebhooks())
            .key(SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            .clock(clock)
            .build();

    Map<String, String> first = signer.sign(new byte[] {1});
    Map<String, String> second = signer.sign(new byte[] {1});

    assertThat(first.get("webhook-timestamp")).isEqualTo("1767323045");
    assertThat(first.get("webhook-id")).matches("msg_[A-Za-z0-9]{24}");
    assertThat(second.get("webhook-id")).isNotEqualTo(first.get("webhook-id"));
  }

  @Test
  void standardWebhooksSignerWithTwoKeysSendsTwoSignatures() {
    SigningKey oldKey = SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    SigningKey newKey = SigningKey.standardWebhooks("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
    WebhookSigner signer =
        WebhookSigner.builder(SignatureScheme.standardWebhooks()).key(oldKey).key(newKey).build();

    Map<String, String> headers =
        signer.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            Instant.ofEpochSecond(1614265330),
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(headers.get("webhook-signature").split(" "))
        .hasSize(2)
        .startsWith("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signingTheSameBodyTwiceGivesTheSameSignatureAcrossThreads() throws Exception {
    WebhookSigner signer = WebhookSigner.of(SignatureScheme.HII_RETAIL, SECRET);
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String expected = signer.sign(body).get("X-Hii-Signature");
    String[] seen = new String[4];
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      int index = i;
      threads[i] =
          new Thread(
              () -> {
                String last = null;
                for (int n = 0; n < 500; n++) {
                  last = signer.sign(body).get("X-Hii-Signature");
                }
                seen[index] = last;
              });
      threads[i].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(seen).containsOnly(expected);
  }

  @Test
  void webhookSecretIsRefusedForStandardWebhooksSoItIsNeverBase64Decoded() {
    assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.standardWebhooks(), SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_")
        .hasMessageNotContaining(SECRET.reveal());
  }

  @Test
  void whsecKeyIsRefusedForTikiNow() {
    SigningKey key = SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.TIKINOW, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TIKINOW signs with the secret's own bytes");
  }

  @Test
  void idAndTimestampSigningIsRefusedForSchemesWithoutThem() {
    WebhookSigner signer = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET);

    assertThatThrownBy(() -> signer.sign("msg_1", Instant.EPOCH, new byte[0]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("TIKINOW signatures have no id or timestamp; call sign(body)");
  }

  @Test
  void singleSignatureSchemesTakeOneKey() {
    WebhookSigner.Builder builder =
        WebhookSigner.builder(SignatureScheme.TIKINOW).secret(SECRET).secret(SECRET);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("TIKINOW deliveries carry one signature, but 2 keys were set");
  }

  @Test
  void builderWithoutKeyFails() {
    assertThatThrownBy(() -> WebhookSigner.builder(SignatureScheme.TIKINOW).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no key: call secret(...) or key(...)");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(WebhookSigner.of(SignatureScheme.TIKINOW, SECRET).toString())
        .isEqualTo("WebhookSigner[SignatureScheme[TIKINOW, x-signature], 1 key(s)]");
  }
}
