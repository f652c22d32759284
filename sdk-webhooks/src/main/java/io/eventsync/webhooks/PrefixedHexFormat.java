package io.eventsync.webhooks;

import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One header holding {@code <prefix><hex HMAC of the raw body>}, no timestamp: TikiNOW ({@code
 * x-signature: sha1=...}), Hii Retail ({@code X-Hii-Signature: HS256=...}) and GitHub-style hub
 * signatures ({@code sha256=...}). The prefix is matched ignoring case and hex digits are accepted
 * in either case; the signer writes lowercase hex. Several values of the header are searched for a
 * match; a sender signs with one key.
 */
final class PrefixedHexFormat implements SignatureFormat {
  private final String macAlgorithm;
  private final String signatureHeader;
  private final String prefix;
  private final int macLength;

  /**
   * Creates the format.
   *
   * @param macAlgorithm the JCA HMAC name
   * @param signatureHeader the header carrying the signature
   * @param prefix what precedes the hex digits, for example {@code sha1=}
   * @param macLength the HMAC's length in bytes (the header holds twice as many hex digits)
   */
  PrefixedHexFormat(String macAlgorithm, String signatureHeader, String prefix, int macLength) {
    this.macAlgorithm = macAlgorithm;
    this.signatureHeader = signatureHeader;
    this.prefix = prefix;
    this.macLength = macLength;
  }

  @Override
  public String macAlgorithm() {
    return macAlgorithm;
  }

  @Override
  public String signatureHeader() {
    return signatureHeader;
  }

  @Override
  public boolean hasTimestamp() {
    return false;
  }

  @Override
  public @Nullable Duration pastTolerance() {
    return null;
  }

  @Override
  public @Nullable Duration futureTolerance() {
    return null;
  }

  @Override
  public SignatureFormat withTolerance(Duration past, Duration future) {
    throw new IllegalStateException(signatureHeader + " signatures carry no timestamp to check");
  }

  @Override
  public boolean carriesSeveralSignatures() {
    return false;
  }

  @Override
  public void checkKey(String schemeName, SigningKey key) {
    if (key.kind() == SigningKey.Kind.STANDARD_WEBHOOKS) {
      throw new IllegalArgumentException(
          schemeName
              + " signs with the secret's own bytes, but this key is a base64 whsec_ secret; use"
              + " SigningKey.of(WebhookSecret.of(...)) or SigningKey.ofText(...)");
    }
  }

  @Override
  public Verification verify(
      WebhookHeaders headers, byte[] body, Instant receivedAt, List<MacKey> keys) {
    List<byte[]> signatures = parse(SignatureHeaders.values(headers, signatureHeader));
    String keyId =
        SignatureHeaders.matchingKey(keys, signatures, signatureHeader, key -> key.mac(body));
    return new Verification(keyId, null, null);
  }

  /**
   * Returns the well-formed signatures among the header's values, or fails with {@link
   * Reason#MALFORMED_HEADER} if there is none.
   */
  List<byte[]> parse(List<String> values) {
    int hexLength = 2 * macLength;
    List<byte[]> signatures = new ArrayList<>(values.size());
    for (String raw : values) {
      String value = raw.trim();
      if (value.length() == prefix.length() + hexLength
          && value.regionMatches(true, 0, prefix, 0, prefix.length())) {
        byte[] mac = Hex.decode(value, prefix.length(), hexLength);
        if (mac != null) {
          signatures.add(mac);
        }
      }
    }
    if (signatures.isEmpty()) {
      throw SignatureHeaders.failure(
          Reason.MALFORMED_HEADER,
          signatureHeader + " must be \"" + prefix + "\" followed by " + hexLength + " hex digits");
    }
    return signatures;
  }

  /** Returns the header value for a MAC: the prefix and lowercase hex. */
  String write(byte[] mac) {
    return prefix + Hex.encode(mac);
  }

  @Override
  public Map<String, String> sign(List<MacKey> keys, byte[] body, Clock clock) {
    return Collections.singletonMap(signatureHeader, write(keys.get(0).mac(body)));
  }

  @Override
  public Map<String, String> sign(List<MacKey> keys, String id, Instant timestamp, byte[] body) {
    throw new IllegalStateException(
        signatureHeader + " signatures have no id or timestamp; call sign(body)");
  }
}
