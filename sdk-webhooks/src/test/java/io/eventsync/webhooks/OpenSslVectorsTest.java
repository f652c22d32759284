package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks signing and verification against vectors made by OpenSSL; see {@code
 * src/test/resources/io/eventsync/webhooks/vectors/README.md} for the commands.
 */
class OpenSslVectorsTest {
  static Stream<String[]> hmacRows() {
    return rows("openssl-hmac.tsv").stream();
  }

  static Stream<String[]> standardWebhooksRows() {
    return rows("openssl-standard-webhooks.tsv").stream();
  }

  @ParameterizedTest(name = "{0} {1} body {2}")
  @MethodSource("hmacRows")
  void signaturesMatchOpenSslForTikiNowAndHiiSecrets(
      String digest, String key, String bodyHex, String expectedHex) {
    WebhookSecret secret = WebhookSecret.of(key);
    byte[] body = unhex(bodyHex);
    SignatureScheme scheme =
        digest.equals("sha1") ? SignatureScheme.TIKINOW : SignatureScheme.HII_RETAIL;
    String expected = (digest.equals("sha1") ? "sha1=" : "HS256=") + expectedHex;

    Map<String, String> headers = WebhookSigner.of(scheme, secret).sign(body);

    assertThat(headers).containsExactly(Map.entry(scheme.signatureHeader(), expected));
    WebhookVerifier verifier = WebhookVerifier.builder(scheme).secret(secret).build();
    assertThat(verifier.verify(Map.of(scheme.signatureHeader(), expected), body).keyId())
        .isEqualTo("default");
    assertThat(
            verifier
                .verify(
                    Map.of(scheme.signatureHeader(), expected.toUpperCase(java.util.Locale.ROOT)),
                    body)
                .keyId())
        .isEqualTo("default");
  }

  @ParameterizedTest(name = "{1} body {3}")
  @MethodSource("standardWebhooksRows")
  void standardWebhooksSignaturesMatchOpenSsl(
      String whsec, String id, String timestamp, String bodyHex, String expected) {
    SigningKey key = SigningKey.standardWebhooks(whsec);
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    byte[] body = unhex(bodyHex);

    Map<String, String> headers =
        WebhookSigner.of(SignatureScheme.standardWebhooks(), key).sign(id, signedAt, body);

    assertThat(headers)
        .containsExactly(
            Map.entry("webhook-id", id),
            Map.entry("webhook-timestamp", timestamp),
            Map.entry("webhook-signature", expected));
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.standardWebhooks())
            .key(key)
            .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
            .build();
    Verification verification = verifier.verify(headers, body);
    assertThat(verification.webhookId()).isEqualTo(id);
    assertThat(verification.timestamp()).isEqualTo(signedAt);
  }

  private static List<String[]> rows(String file) {
    try (InputStream in = OpenSslVectorsTest.class.getResourceAsStream("vectors/" + file)) {
      assertThat(in).as(file).isNotNull();
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          rows.add(line.split("\t", -1));
        }
      }
      assertThat(rows).isNotEmpty();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] unhex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
