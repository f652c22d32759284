package io.eventsync.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifiers: seeded (reproducible for one seed and one order of calls) where it matters. */
final class Ids {
  private final long seed;
  private SplittableRandom random;

  Ids(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** Starts the sequence again from the seed. */
  synchronized void reset() {
    random = new SplittableRandom(seed);
  }

  /** A random (version 4) UUID from the seeded sequence. */
  synchronized String uuid() {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }

  /** {@code length} lowercase hex characters from the seeded sequence. */
  synchronized String hex(int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }

  /** A seeded int in {@code [0, bound)}. */
  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A request id for error envelopes: 32 lowercase hex characters, not seeded. */
  static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
  }

  /**
   * The Tiki subscription id ({@code sid}) of a seller: 40 uppercase hex characters, the SHA-1 of
   * the seller id, so the same seller always has the same {@code sid}.
   */
  static String sid(String sellerId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(sellerId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
