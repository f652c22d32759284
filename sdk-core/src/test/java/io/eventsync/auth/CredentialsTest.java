package io.eventsync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private final OkHttpClient http = new OkHttpClient.Builder().build();

  @Test
  void bearerSendsTheToken() {
    assertThat(Credentials.bearer("abc.def").authorizer().authorization(http, Clock.systemUTC()))
        .isEqualTo("Bearer abc.def");
  }

  @Test
  void bearerTokenWithALineBreakFailsWithOurMessageThatDoesNotShowTheToken() {
    assertThatThrownBy(() -> Credentials.bearer("secret-part-1\nsecret-part-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bearer token has a character not allowed in an HTTP header at index 13 (U+000A);"
                + " check for a stray line break or space");
  }

  @Test
  void blankBearerTokenIsRejected() {
    assertThatThrownBy(() -> Credentials.bearer(" ")).hasMessage("bearer token is blank");
    assertThatThrownBy(() -> Credentials.bearer(null)).hasMessage("token == null");
  }

  @Test
  void basicEncodesUserAndPasswordAsUtf8() {
    assertThat(
            Credentials.basic("key-1", "pässword")
                .authorizer()
                .authorization(http, Clock.systemUTC()))
        .isEqualTo("Basic a2V5LTE6cMOkc3N3b3Jk");
  }

  @Test
  void basicUsernameWithAColonIsRejected() {
    assertThatThrownBy(() -> Credentials.basic("a:b", "p"))
        .hasMessage("basic username must be non-blank and without ':' but was \"a:b\"");
  }

  @Test
  void toStringNeverShowsSecrets() {
    assertThat(Credentials.bearer("tok-secret")).hasToString("Credentials.bearer(redacted)");
    assertThat(Credentials.basic("key-1", "pw-secret").toString())
        .isEqualTo("Credentials.basic(key-1, redacted)");
  }
}
