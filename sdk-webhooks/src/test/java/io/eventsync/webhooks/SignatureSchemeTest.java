package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {
  @Test
  void tikiNowIsHmacSha1InXSignatureWithoutTimestamp() {
    assertThat(SignatureScheme.TIKINOW.signatureHeader()).isEqualTo("x-signature");
    assertThat(SignatureScheme.TIKINOW.macAlgorithm()).isEqualTo("HmacSHA1");
    assertThat(SignatureScheme.TIKINOW.hasTimestamp()).isFalse();
    assertThat(SignatureScheme.TIKINOW.pastTolerance()).isNull();
  }

  @Test
  void standardWebhooksHasTheSameToleranceBothWaysUnlessSplit() {
    SignatureScheme scheme = SignatureScheme.standardWebhooks(Duration.ofSeconds(30));
    SignatureScheme split = scheme.withTolerance(Duration.ofMinutes(10), Duration.ofSeconds(5));

    assertThat(scheme.pastTolerance()).isEqualTo(Duration.ofSeconds(30));
    assertThat(scheme.futureTolerance()).isEqualTo(Duration.ofSeconds(30));
    assertThat(split.pastTolerance()).isEqualTo(Duration.ofMinutes(10));
    assertThat(split.futureTolerance()).isEqualTo(Duration.ofSeconds(5));
    assertThat(split.toString())
        .isEqualTo("SignatureScheme[STANDARD_WEBHOOKS, webhook-signature, tolerance -PT10M/+PT5S]");
  }

  @Test
  void defaultToleranceIsFiveMinutes() {
    assertThat(SignatureScheme.standardWebhooks())
        .isEqualTo(SignatureScheme.standardWebhooks(Duration.ofMinutes(5)));
  }

  @Test
  void negativeToleranceIsRefused() {
    assertThatThrownBy(() -> SignatureScheme.standardWebhooks(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("past tolerance < 0: PT-1S");
  }

  @Test
  void toleranceOfSchemeWithoutTimestampIsRefused() {
    assertThatThrownBy(() -> SignatureScheme.TIKINOW.withTolerance(Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("TIKINOW signatures carry no timestamp to check");
  }

  @Test
  void hubHeaderNameMustBeAValidHeaderName() {
    assertThatThrownBy(() -> SignatureScheme.hubSha256("X Hub"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid HTTP header name: \"X Hub\"");
    assertThat(SignatureScheme.hubSha256("X-Hub-Signature-256"))
        .isEqualTo(SignatureScheme.hubSha256("x-hub-signature-256"));
  }
}
