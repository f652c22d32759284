package io.eventsync.webhooks;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of a signer or verifier with its HMAC ready: a prototype {@link Mac} initialised once and
 * cloned into one instance per thread, so signing and verifying never call {@code Mac.getInstance}.
 */
final class MacKey {
  private static final byte[] DOT = {'.'};

  final String id;
  private final SecretKeySpec keySpec;
  private final Mac prototype;
  private final ThreadLocal<Mac> macs;

  MacKey(String id, SigningKey key, String algorithm) {
    this.id = id;
    this.keySpec = new SecretKeySpec(key.bytes(), algorithm);
    this.prototype = newMac();
    this.macs = ThreadLocal.withInitial(this::copy);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(keySpec.getAlgorithm());
      mac.init(keySpec);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(keySpec.getAlgorithm() + " is not available in this JVM", e);
    }
  }

  private Mac copy() {
    synchronized (prototype) {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        return newMac();
      }
    }
  }

  /** Returns HMAC(key, body). */
  byte[] mac(byte[] body) {
    Mac mac = macs.get();
    mac.update(body);
    return mac.doFinal();
  }

  /** Returns HMAC(key, id + "." + timestamp + "." + body) without concatenating the body. */
  byte[] mac(byte[] id, byte[] timestamp, byte[] body) {
    Mac mac = macs.get();
    mac.update(id);
    mac.update(DOT);
    mac.update(timestamp);
    mac.update(DOT);
    mac.update(body);
    return mac.doFinal();
  }
}
