package io.eventsync.poll;

import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link FileCursorStore}'s checkpoint line, {@code
 * {"crc32c":"<hex>","stream":...,"position":...,"done_ids":[...],"version":N}} and a line feed,
 * into one array, when every string in it is printable ASCII that JSON does not escape (as stream
 * names, ack ids and event ids are): the bytes are those Moshi's JSON writer produces, without its
 * buffer, the copies and a formatter for the checksum. Anything else is left to the JSON writer.
 */
final class SealedLine {
  private static final byte[] HEAD = ascii("{\"crc32c\":\"00000000\",");
  private static final byte[] STREAM = ascii("{\"stream\":\"");
  private static final byte[] POSITION = ascii("\",\"position\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] DONE_IDS = ascii(",\"done_ids\":[");
  private static final byte[] VERSION = ascii("],\"version\":");
  private static final byte[] HEX = ascii("0123456789abcdef");

  /** Where the JSON object starts: its "{" is overwritten by the head's closing ",". */
  private static final int JSON_START = HEAD.length - 1;

  private SealedLine() {}

  /**
   * Returns the sealed line, or null if a string needs escaping or is not ASCII (then the caller
   * writes it with the JSON writer).
   */
  static byte @Nullable [] sealed(
      String stream, @Nullable String position, String[] ids, long version) {
    if (!plain(stream) || (position != null && !plain(position))) {
      return null;
    }
    String versionText = Long.toString(version);
    int size =
        JSON_START
            + STREAM.length
            + stream.length()
            + POSITION.length
            + (position == null ? NULL.length : position.length() + 2)
            + DONE_IDS.length
            + Math.max(0, ids.length - 1) // commas
            + VERSION.length
            + versionText.length()
            + 2; // "}" and the line feed
    for (String id : ids) {
      if (!plain(id)) {
        return null;
      }
      size += id.length() + 2;
    }
    byte[] line = new byte[size];
    int at = put(line, JSON_START, STREAM);
    at = put(line, at, stream);
    at = put(line, at, POSITION);
    if (position == null) {
      at = put(line, at, NULL);
    } else {
      line[at++] = '"';
      at = put(line, at, position);
      line[at++] = '"';
    }
    at = put(line, at, DONE_IDS);
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) {
        line[at++] = ',';
      }
      line[at++] = '"';
      at = put(line, at, ids[i]);
      line[at++] = '"';
    }
    at = put(line, at, VERSION);
    at = put(line, at, versionText);
    line[at++] = '}';
    String crc = crc(line, JSON_START, at - JSON_START);
    System.arraycopy(HEAD, 0, line, 0, HEAD.length);
    put(line, 11, crc); // after {"crc32c":"
    line[at++] = '\n';
    assert at == line.length;
    return line;
  }

  /** Returns the CRC-32C of {@code bytes[0, length)} as eight lower-case hex digits. */
  static String crc(byte[] bytes, int length) {
    return crc(bytes, 0, length);
  }

  private static String crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    long value = crc.getValue();
    byte[] hex = new byte[8];
    for (int i = 7; i >= 0; i--) {
      hex[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(hex, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** True if {@code s} is printable ASCII without {@code "} or {@code \}: JSON keeps it as is. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static int put(byte[] line, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, line, at, bytes.length);
    return at + bytes.length;
  }

  private static int put(byte[] line, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      line[at++] = (byte) ascii.charAt(i);
    }
    return at;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
