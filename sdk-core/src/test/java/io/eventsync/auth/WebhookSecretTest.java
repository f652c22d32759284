package io.eventsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
  private static final String VALUE = "0123456789abcdef0123456789ABCDEF";

  @Test
  void keyIsTheAsciiBytesNeverBase64Decoded() {
    assertThat(WebhookSecret.of(VALUE).keyBytes())
        .isEqualTo(VALUE.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void wrongLengthIsRejectedWithoutShowingTheValue() {
    assertThatThrownBy(() -> WebhookSecret.of("short-secret-value"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "webhook secret must be exactly 32 characters but has 18; generate one with"
                + " WebhookSecret.generate()");
  }

  @Test
  void missingSecretSaysSoAndHowToSupplyOne() {
    assertThatThrownBy(() -> WebhookSecret.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "webhook secret missing (value == null): pass the 32-character secret the sender signs with (is its"
                + " environment variable set?), or create one with WebhookSecret.generate()");
  }

  @Test
  void nonPrintableCharacterIsRejected() {
    assertThatThrownBy(() -> WebhookSecret.of("0123456789abcdef0123456789ABCDE\n"))
        .hasMessage(
            "webhook secret must be printable ASCII without spaces, but character 32 is U+000A");
    assertThatThrownBy(() -> WebhookSecret.of("0123456789abcdef0123456789ABCDEé"))
        .hasMessageEndingWith("character 32 is U+00E9");
  }

  @Test
  void generatedSecretsAreValidAndDistinct() {
    WebhookSecret a = WebhookSecret.generate();
    WebhookSecret b = WebhookSecret.generate();
    assertThat(WebhookSecret.of(a.reveal())).isEqualTo(a);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void toStringIsRedacted() {
    assertThat(WebhookSecret.of(VALUE)).hasToString("WebhookSecret[redacted]");
  }
}
