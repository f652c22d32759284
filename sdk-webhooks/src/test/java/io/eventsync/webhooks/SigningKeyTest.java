package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.WebhookSecret;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  @Test
  void webhookSecretIsItsAsciiBytes() {
    WebhookSecret secret = WebhookSecret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(SigningKey.of(secret).bytes()).isEqualTo(secret.keyBytes()).hasSize(32);
  }

  @Test
  void standardWebhooksSecretIsBase64Decoded() {
    SigningKey key = SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(key.bytes()).hasSize(24);
  }

  @Test
  void sameTextAsWebhookSecretAndAsWhsecAreDifferentKeys() {
    String text = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    assertThat(SigningKey.of(WebhookSecret.of(text)))
        .isNotEqualTo(SigningKey.standardWebhooks("whsec_" + text));
  }

  @Test
  void standardWebhooksSecretWithoutPrefixIsRefused() {
    assertThatThrownBy(() -> SigningKey.standardWebhooks("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a Standard Webhooks secret must start with \"whsec_\"; for a 32-character TikiNOW"
                + " secret use SigningKey.of(WebhookSecret.of(...))");
  }

  @Test
  void invalidBase64IsRefusedWithoutShowingTheSecret() {
    assertThatThrownBy(() -> SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqr!wjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a Standard Webhooks secret must be \"whsec_\" followed by standard base64, but the"
                + " text after the prefix (32 characters) is not valid base64");
  }

  @Test
  void truncatedSecretIsRefusedInsteadOfBecomingATinyKey() {
    assertThatThrownBy(() -> SigningKey.standardWebhooks("whsec_MfKQ9r8G"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a Standard Webhooks key must decode to 24 to 64 bytes, but this one decodes to 6;"
                + " check that the whole secret was copied");
  }

  @Test
  void emptyExplicitKeyIsRefused() {
    assertThatThrownBy(() -> SigningKey.ofBytes(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an HMAC key must not be empty");
    assertThatThrownBy(() -> SigningKey.ofText("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void explicitKeyIsCopied() {
    byte[] bytes = {1, 2, 3};
    SigningKey key = SigningKey.ofBytes(bytes);
    bytes[0] = 9;

    assertThat(key.bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void toStringIsRedacted() {
    assertThat(SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").toString())
        .isEqualTo("SigningKey[a Standard Webhooks whsec_ secret, 24 bytes, redacted]");
    assertThat(SigningKey.ofText("hunter2").toString())
        .isEqualTo("SigningKey[an explicit key, 7 bytes, redacted]");
  }
}
