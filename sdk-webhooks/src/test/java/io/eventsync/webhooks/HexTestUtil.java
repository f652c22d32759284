package io.eventsync.webhooks;

/** Hex for tests, written independently of the main code. */
final class HexTestUtil {
  private HexTestUtil() {}

  static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b & 0xff));
    }
    return s.toString();
  }
}
