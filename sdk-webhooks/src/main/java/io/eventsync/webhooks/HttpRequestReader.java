package io.eventsync.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.1 request from a socket, all of it before a deadline: every read waits at most
 * the time left, so a silent or trickling client is cut off when the deadline passes. Bodies are
 * read with a limit, by {@code Content-Length} or chunked; nothing past the limit is read.
 */
final class HttpRequestReader {
  /** The most bytes of request line and headers (and of chunked trailers): 16 KiB. */
  static final int MAX_HEAD_BYTES = 16 * 1024;

  private static final int MAX_HEADERS = 100;

  /** A request that must be answered with an error (or not at all: {@link #silent}). */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String publicMessage;
    final boolean silent;

    Refusal(int status, String code, String publicMessage) {
      this(status, code, publicMessage, false);
    }

    private Refusal(int status, String code, String publicMessage, boolean silent) {
      super(code + ": " + publicMessage, null, false, false);
      this.status = status;
      this.code = code;
      this.publicMessage = publicMessage;
      this.silent = silent;
    }
  }

  /** The request line and headers. */
  static final class Head {
    final String method;
    final String path;
    final Map<String, List<String>> headers;
    final long contentLength;
    final boolean chunked;
    final boolean expectContinue;

    Head(
        String method,
        String path,
        Map<String, List<String>> headers,
        long contentLength,
        boolean chunked,
        boolean expectContinue) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.contentLength = contentLength;
      this.chunked = chunked;
      this.expectContinue = expectContinue;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final long deadlineNanos;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private int headBytes;

  HttpRequestReader(Socket socket, long deadlineNanos) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * Reads the request line and the headers.
   *
   * @throws Refusal if they are malformed, too large or late, or (silent) if the client closed the
   *     connection before sending anything
   */
  Head readHead() throws IOException, Refusal {
    String requestLine = readLine();
    if (requestLine == null) {
      if (headBytes == 0) {
        throw new Refusal(0, "NO_REQUEST", "the connection closed before a request", true);
      }
      throw new Refusal(
          400, "REQUEST_INCOMPLETE", "the connection closed in the middle of the request line");
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
      throw badRequest("the request line is not \"METHOD /path HTTP/1.1\"");
    }
    String path = pathOf(parts[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int count = 0;
    for (String line = readHeadLine(); !line.isEmpty(); line = readHeadLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || hasSpace(line, colon)) {
        throw badRequest("a header line is malformed");
      }
      if (++count > MAX_HEADERS) {
        throw headTooLarge();
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    List<String> encodings = headers.get("transfer-encoding");
    boolean chunked = false;
    if (encodings != null) {
      if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
        throw new Refusal(501, "NOT_IMPLEMENTED", "only Transfer-Encoding: chunked is supported");
      }
      if (headers.containsKey("content-length")) {
        throw badRequest("a request cannot have both Content-Length and Transfer-Encoding");
      }
      chunked = true;
    }
    List<String> expect = headers.get("expect");
    boolean expectContinue =
        parts[2].equals("HTTP/1.1")
            && expect != null
            && expect.stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"));
    return new Head(parts[0], path, headers, contentLength(headers), chunked, expectContinue);
  }

  /**
   * Sends the interim {@code 100 Continue} answer that a client waiting to send its body expects.
   */
  void sendContinue() throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Reads the body of {@code head}, at most {@code maxBytes} of it.
   *
   * @throws Refusal if it is larger than {@code maxBytes} (413), ends early (400), is malformed or
   *     late
   */
  byte[] readBody(Head head, int maxBytes) throws IOException, Refusal {
    if (!head.chunked) {
      long length = Math.max(0, head.contentLength);
      if (length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      byte[] body = new byte[(int) length];
      int read = readFully(body, 0, body.length);
      if (read < body.length) {
        throw new Refusal(
            400,
            "BODY_INCOMPLETE",
            "the body ended after " + read + " of its " + length + " declared bytes");
      }
      return body;
    }
    byte[] body = new byte[Math.min(maxBytes, 8192)];
    int size = 0;
    while (true) {
      String line = readChunkLine();
      int semicolon = line.indexOf(';');
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
      long chunk;
      try {
        chunk = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        chunk = -1;
      }
      if (chunk < 0) {
        throw badRequest("a chunk size is not a hexadecimal number");
      }
      if (chunk == 0) {
        while (!readChunkLine().isEmpty()) {
          // trailers: read and ignored, within the head limit
        }
        return Arrays.copyOf(body, size);
      }
      if (size + chunk > maxBytes) {
        throw tooLarge(maxBytes);
      }
      if (size + chunk > body.length) {
        body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(size + chunk, 2L * size)));
      }
      int read = readFully(body, size, (int) chunk);
      size += read;
      if (read < chunk || !readChunkLine().isEmpty()) {
        throw chunkedCutShort();
      }
    }
  }

  private String readHeadLine() throws IOException, Refusal {
    String line = readLine();
    if (line == null) {
      throw new Refusal(
          400, "REQUEST_INCOMPLETE", "the connection closed in the middle of the headers");
    }
    return line;
  }

  private String readChunkLine() throws IOException, Refusal {
    String line = readLine();
    if (line == null) {
      throw chunkedCutShort();
    }
    return line;
  }

  /**
   * Reads a line ending in LF (a CR before it dropped) as ISO-8859-1, counted against {@link
   * #MAX_HEAD_BYTES}; returns null if the stream ends before the LF.
   */
  private @Nullable String readLine() throws IOException, Refusal {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = read();
      if (b < 0) {
        return null;
      }
      if (++headBytes > MAX_HEAD_BYTES) {
        throw headTooLarge();
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private int read() throws IOException, Refusal {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++] & 0xff;
  }

  /** Reads up to {@code length} bytes into {@code target}; returns fewer only at the end. */
  private int readFully(byte[] target, int offset, int length) throws IOException, Refusal {
    int done = 0;
    while (done < length) {
      if (position == limit && !fill()) {
        return done;
      }
      int n = Math.min(length - done, limit - position);
      System.arraycopy(buffer, position, target, offset + done, n);
      position += n;
      done += n;
    }
    return done;
  }

  private boolean fill() throws IOException, Refusal {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw timeout();
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millisOf(left))));
    int n;
    try {
      n = in.read(buffer, 0, buffer.length);
    } catch (SocketTimeoutException e) {
      throw timeout();
    }
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private static long millisOf(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
  }

  private static long contentLength(Map<String, List<String>> headers) throws Refusal {
    List<String> values = headers.get("content-length");
    if (values == null) {
      return -1;
    }
    long length = -1;
    for (String value : values) {
      for (String each : value.split(",", -1)) {
        String digits = each.trim();
        if (digits.isEmpty()
            || digits.length() > 18
            || !digits.chars().allMatch(Character::isDigit)) {
          throw badRequest("Content-Length is not a number");
        }
        long parsed = Long.parseLong(digits);
        if (length >= 0 && parsed != length) {
          throw badRequest("Content-Length is given twice with different values");
        }
        length = parsed;
      }
    }
    return length;
  }

  private static String pathOf(String target) throws Refusal {
    try {
      String path = new URI(target).getPath();
      if (path == null || path.isEmpty()) {
        throw badRequest("the request target has no path");
      }
      return path;
    } catch (URISyntaxException e) {
      throw badRequest("the request target is not a valid URI");
    }
  }

  private static boolean hasSpace(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      if (line.charAt(i) <= ' ') {
        return true;
      }
    }
    return false;
  }

  private static Refusal badRequest(String message) {
    return new Refusal(400, "BAD_REQUEST", message);
  }

  private static Refusal headTooLarge() {
    return new Refusal(
        431,
        "HEADERS_TOO_LARGE",
        "the request line and headers are larger than " + MAX_HEAD_BYTES + " bytes");
  }

  private static Refusal chunkedCutShort() {
    return new Refusal(400, "BODY_INCOMPLETE", "the chunked body ended before its last chunk");
  }

  private static Refusal tooLarge(int maxBytes) {
    return new Refusal(
        413, "BODY_TOO_LARGE", "the body is larger than the limit of " + maxBytes + " bytes");
  }

  private static Refusal timeout() {
    return new Refusal(
        408, "REQUEST_TIMEOUT", "the request was not received within the receiver's time limit");
  }
}
