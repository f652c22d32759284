package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
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

  @Test
  void longSecretStringsAreRedactedWithoutOverflowingTheStack() {
    String endless = "{\"access_token\": \"" + "A".repeat(64 * 1024);
    assertThat(Redactor.redactBody(endless)).isEqualTo("{\"access_token\": \"██\"");
    String whole = "{\"secret_key\": \"" + "a\\\"b".repeat(20_000) + "\", \"n\": 1}";
    assertThat(Redactor.redactBody(whole)).isEqualTo("{\"secret_key\": \"██\", \"n\": 1}");
  }

  @Test
  void urlsLoseUserInfoAndQueryValuesButKeepWhereTheyPoint() {
    HttpUrl url = HttpUrl.get("https://user:pa55@api.example:8443/v1/token?api_key=k3y&flag#frag");
    assertThat(Redactor.url(url)).isEqualTo("https://api.example:8443/v1/token?api_key=██&flag");
    assertThat(Redactor.url(HttpUrl.get("http://localhost:8080/")))
        .isEqualTo("http://localhost:8080/");
    assertThat(Redactor.rawUrl("htp://user:pa55@host/x?token=t0k&a=b"))
        .isEqualTo("htp://██@host/x?token=██&a=██");
  }
}
