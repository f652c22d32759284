package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void redactsSecretJsonValuesOfAnyKnownKey() {
    assertThat(
            Redactor.redactBody(
                "{\"secret_key\":\"abc\\\"def\",\"url\":\"https://x\",\"accessSecret\": \"s\", \"Password\": 12}"))
        .isEqualTo(
            "{\"secret_key\":\"██\",\"url\":\"https://x\",\"accessSecret\": \"██\", \"Password\": \"██\"}");
  }

  @Test
  void redactsSecretFormFields() {
    assertThat(Redactor.redactBody("grant_type=client_credentials&client_id=a&client_secret=s%2B1"))
        .isEqualTo("grant_type=client_credentials&client_id=a&client_secret=██");
  }
}
