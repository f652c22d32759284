package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HMAC test vectors of RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256), through the public API:
 * {@link WebhookSigner} and {@link WebhookVerifier} with {@link SigningKey#ofBytes(byte[])}, since
 * the RFC keys are not 32-character ASCII secrets. TikiNOW is HMAC-SHA1 with {@code sha1=<hex>};
 * the hub scheme is HMAC-SHA256 with {@code sha256=<hex>}.
 */
class HmacVectorsTest {
  // key, data (hex of both), expected digest; RFC 2202 section 3 test cases 1 to 7.
  @ParameterizedTest(name = "RFC 2202 test case {index}")
  @CsvSource({
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 'Hi There',"
        + " b617318655057264e28bc0b6fb378c8ef146be00",
    "'Jefe', 'what do ya want for nothing?', effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, dd*50, 125d7342b9ac11cd91a39af48aa17b4f63f175d3",
    "0102030405060708090a0b0c0d0e0f10111213141516171819, cd*50,"
        + " 4c9007f4026250c6bc8414f9bf50c86c2d7235da",
    "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c, 'Test With Truncation',"
        + " 4c1a03424b55e07fe7f27be1d58bb9324a9a5a04",
    "aa*80, 'Test Using Larger Than Block-Size Key - Hash Key First',"
        + " aa4ae5e15272d00e95705637ce8a3b55ed402112",
    "aa*80, 'Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data',"
        + " e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
  })
  void tikiNowSignerAndVerifierMatchRfc2202(String key, String data, String digest) {
    SigningKey signingKey = SigningKey.ofBytes(bytes(key));
    byte[] body = bytes(data);

    Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, signingKey).sign(body);

    assertThat(headers).containsExactly(Map.entry("x-signature", "sha1=" + digest));
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).key("rfc", signingKey).build();
    assertThat(verifier.verify(Map.of("X-Signature", "sha1=" + digest), body).keyId())
        .isEqualTo("rfc");
  }

  // RFC 4231 section 4, test cases 1 to 4, 6 and 7 (case 5 is a truncated output, below).
  @ParameterizedTest(name = "RFC 4231 test case {index}")
  @CsvSource({
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 'Hi There',"
        + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    "'Jefe', 'what do ya want for nothing?',"
        + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, dd*50,"
        + " 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    "0102030405060708090a0b0c0d0e0f10111213141516171819, cd*50,"
        + " 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    "aa*131, 'Test Using Larger Than Block-Size Key - Hash Key First',"
        + " 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "aa*131, 'This is a test using a larger than block-size key and a larger than block-size"
        + " data. The key needs to be hashed before being used by the HMAC algorithm.',"
        + " 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  })
  void hubSignerAndVerifierMatchRfc4231(String key, String data, String digest) {
    SignatureScheme scheme = SignatureScheme.hubSha256("X-Hub-Signature-256");
    SigningKey signingKey = SigningKey.ofBytes(bytes(key));
    byte[] body = bytes(data);

    Map<String, String> headers = WebhookSigner.of(scheme, signingKey).sign(body);

    assertThat(headers).containsExactly(Map.entry("X-Hub-Signature-256", "sha256=" + digest));
    WebhookVerifier verifier = WebhookVerifier.builder(scheme).key(signingKey).build();
    assertThat(verifier.verify(Map.of("x-hub-signature-256", "sha256=" + digest), body).keyId())
        .isEqualTo(WebhookVerifier.DEFAULT_KEY_ID);
  }

  @ParameterizedTest(name = "RFC 4231 test case 5 (truncated to 128 bits)")
  @CsvSource(
      "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c, 'Test With Truncation',"
          + " a3b6167473100ee06e0c796c2955552b")
  void hiiRetailSignerMatchesRfc4231TruncatedCase(String key, String data, String prefix) {
    Map<String, String> headers =
        WebhookSigner.of(SignatureScheme.HII_RETAIL, SigningKey.ofBytes(bytes(key)))
            .sign(bytes(data));

    assertThat(headers.get("X-Hii-Signature")).startsWith("HS256=" + prefix).hasSize(6 + 64);
  }

  /** Hex, {@code hh*n} for a repeated byte, or quoted text (its ASCII bytes). */
  static byte[] bytes(String spec) {
    if (spec.matches("[0-9a-f]{2}\\*\\d+")) {
      byte[] out = new byte[Integer.parseInt(spec.substring(3))];
      Arrays.fill(out, (byte) Integer.parseInt(spec.substring(0, 2), 16));
      return out;
    }
    if (spec.matches("([0-9a-f]{2})+") && spec.length() >= 20) {
      byte[] out = new byte[spec.length() / 2];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) Integer.parseInt(spec.substring(2 * i, 2 * i + 2), 16);
      }
      return out;
    }
    return spec.getBytes(StandardCharsets.US_ASCII);
  }
}
