package io.eventsync.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.WebhookSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRegistrationTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("s3cret0123456789abcdef0123456789");

  @Test
  void needsAtLeastOneLocation() {
    WebhookRegistration.Builder builder =
        WebhookRegistration.builder().orderWebhook("https://a.example/o", SECRET);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "sync_inventory_location needs at least one warehouse code; call"
                + " inventoryLocations(\"sgn\", ...)");
    assertThatThrownBy(() -> builder.inventoryLocations("sgn", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sync_inventory_location[1] must not be blank");
  }

  @Test
  void needsAnOrderWebhook() {
    assertThatThrownBy(() -> WebhookRegistration.builder().inventoryLocations("sgn").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sync_webhook.order is required; call orderWebhook(url, secret)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://oms.example.com/hook", "http://10.0.0.1/hook", "ftp://oms.example.com/h"})
  void rejectsNonHttpsUrlsExceptForLocalhost(String url) {
    assertThatThrownBy(() -> WebhookRegistration.builder().stockWebhook(url, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sync_webhook.stock.url must be")
        .hasMessageContaining(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://oms.example.com/hook",
        "http://localhost:8080/hook",
        "http://127.0.0.1:9000/hook",
        "http://[::1]:9000/hook"
      })
  void acceptsHttpsAndLocalHttp(String url) {
    assertThat(
            WebhookRegistration.builder()
                .inventoryLocations("sgn")
                .orderWebhook(url, SECRET)
                .build()
                .order()
                .url())
        .isEqualTo(url);
  }

  @Test
  void secretsAreExactly32PrintableCharactersAndNeverShown() {
    assertThatThrownBy(() -> WebhookSecret.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly 32 characters but has 5");
    WebhookRegistration registration =
        WebhookRegistration.builder()
            .inventoryLocations("sgn")
            .orderWebhook("https://a.example/o", SECRET)
            .aftersaleWebhook("https://a.example/a", WebhookSecret.generate())
            .build();

    assertThat(registration.toString())
        .doesNotContain(SECRET.reveal())
        .doesNotContain(registration.aftersale().secret().reveal())
        .contains("WebhookSecret[redacted]");
    assertThat(registration.stock()).isNull();
    assertThat(registration.inventoryLocations()).containsExactly("sgn");
  }

  @Test
  void partnerIdMustNotBeBlank() {
    assertThatThrownBy(() -> WebhookRegistration.builder().externalPartnerId(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("external_partner_id must not be blank");
  }
}
