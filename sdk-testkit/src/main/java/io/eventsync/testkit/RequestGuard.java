package io.eventsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input stream of one sandbox connection, between the socket and MockWebServer: it follows the
 * HTTP/1.1 framing of each request as MockWebServer reads it and hands over only bytes that
 * MockWebServer can parse. A request it cannot take is answered here, with a JSON error, and the
 * connection ends:
 *
 * <ul>
 *   <li>413 when {@code Content-Length} or the chunks of a body exceed the body limit, as soon as
 *       that is known: an oversize body is never read into memory, and a sender that declares one
 *       and waits gets its answer at once;
 *   <li>431 when the request line and headers exceed {@value #MAX_HEAD_BYTES} bytes;
 *   <li>400 for what MockWebServer would crash on and leave unanswered (it catches only {@link
 *       IOException} while reading a request; anything else ends its connection thread with a
 *       SEVERE log and leaves the socket open, unanswered, until the server closes): a malformed
 *       chunk size, chunk extensions or trailers, a {@code Content-Length} that is not a
 *       non-negative integer, a body on {@code GET}/{@code HEAD}, a request target or {@code Host}
 *       that makes no URL; also a malformed request line and an unsupported {@code
 *       Transfer-Encoding}, which MockWebServer would drop or misread.
 * </ul>
 *
 * <p>The offending line is never handed over: after the answer the stream reports its end, so
 * MockWebServer records a failed read of what it has so far (which it can parse) and closes the
 * socket. Before that the input is drained (discarded) for at most {@link #LINGER_MILLIS} ms, so a
 * client still uploading the refused body reads the answer instead of a connection reset. Used by
 * MockWebServer's connection thread only.
 */
final class RequestGuard extends InputStream {
  /** The largest request line plus headers accepted. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** How long the input of a refused request is drained before the connection closes. */
  static final int LINGER_MILLIS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
  private static final int MAX_CHUNK_LINE = 1024;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,15}");

  private enum State {
    REQUEST_LINE,
    HEADERS,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    LAST_CHUNK_END
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final long maxBodyBytes;
  private final byte[] chunk = new byte[8192];
  private final Buffer pending = new Buffer();
  private final Buffer line = new Buffer();

  private State state = State.REQUEST_LINE;
  private long remaining;
  private long bodyBytes;
  private int headBytes;
  private String method;
  private long contentLength;
  private boolean chunked;

  private Refusal refusal;
  private boolean ended;

  RequestGuard(Socket socket, InputStream in, OutputStream out, long maxBodyBytes) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** A request answered here: status, error code, message. */
  private static final class Refusal {
    final int status;
    final String code;
    final String message;

    Refusal(int status, String code, String message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (pending.size() > 0) {
        return pending.read(b, off, len);
      }
      if (ended) {
        return -1;
      }
      if (refusal != null) {
        answer();
        return -1;
      }
      if ((state == State.BODY || state == State.CHUNK_DATA) && remaining > 0) {
        // Body bytes pass straight through, at most up to the end of the body or chunk.
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
          advanceBody(n);
        }
        return n;
      }
      int n = in.read(chunk, 0, chunk.length);
      if (n < 0) {
        ended = true;
        return -1;
      }
      feed(n);
    }
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(Integer.MAX_VALUE, pending.size());
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void advanceBody(long n) {
    remaining -= n;
    if (remaining == 0) {
      state = state == State.BODY ? State.REQUEST_LINE : State.CHUNK_END;
    }
  }

  /** Parses {@code chunk[0, n)}, moving what MockWebServer may read to {@link #pending}. */
  private void feed(int n) {
    int i = 0;
    while (i < n && refusal == null) {
      if (state == State.BODY || state == State.CHUNK_DATA) {
        int take = (int) Math.min(remaining, n - i);
        pending.write(chunk, i, take);
        i += take;
        advanceBody(take);
        continue;
      }
      int newline = indexOf(chunk, i, n);
      int stop = newline < 0 ? n : newline + 1;
      line.write(chunk, i, stop - i);
      i = stop;
      if (tooLong()) {
        return;
      }
      if (newline >= 0) {
        onLine(line.readByteArray());
      }
    }
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean tooLong() {
    boolean head = state == State.REQUEST_LINE || state == State.HEADERS;
    long before = state == State.HEADERS ? headBytes : 0;
    if (head && before + line.size() > MAX_HEAD_BYTES) {
      refuse(431, "HEADERS_TOO_LARGE", "the request line and headers exceed " + MAX_HEAD_BYTES);
      return true;
    }
    if (!head && line.size() > MAX_CHUNK_LINE) {
      refuse(400, "MALFORMED_CHUNK", "a chunk-size line is longer than " + MAX_CHUNK_LINE);
      return true;
    }
    return false;
  }

  /** One whole line, its terminator included. */
  private void onLine(byte[] bytes) {
    String text = stripTerminator(new String(bytes, StandardCharsets.ISO_8859_1));
    switch (state) {
      case REQUEST_LINE:
        if (!text.isEmpty() && requestLine(text)) {
          headBytes = bytes.length;
          pending.write(bytes);
          state = State.HEADERS;
        }
        break; // An empty line before a request line is skipped (RFC 9112 section 2.2).
      case HEADERS:
        headBytes += bytes.length;
        if (text.isEmpty() ? endOfHeaders() : header(text)) {
          pending.write(bytes);
        }
        break;
      case CHUNK_SIZE:
        if (chunkSize(text)) {
          pending.write(bytes);
        }
        break;
      case CHUNK_END:
      case LAST_CHUNK_END:
        if (!text.isEmpty()) {
          refuse(
              400,
              "MALFORMED_CHUNK",
              state == State.CHUNK_END
                  ? "chunk data is longer than its chunk size"
                  : "chunked trailers are not supported");
          return;
        }
        pending.write(bytes);
        state = state == State.CHUNK_END ? State.CHUNK_SIZE : State.REQUEST_LINE;
        break;
      default:
        throw new AssertionError(state);
    }
  }

  /** The line without {@code \n} and one {@code \r} before it, as MockWebServer reads lines. */
  private static String stripTerminator(String line) {
    int end = line.length() - 1;
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  private boolean requestLine(String text) {
    String[] parts = text.split(" ", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return refuse(400, "MALFORMED_REQUEST", "malformed request line: " + abbreviate(text));
    }
    if (!parts[2].startsWith("HTTP/1.")) {
      return refuse(400, "MALFORMED_REQUEST", "only HTTP/1.x is served: " + abbreviate(parts[2]));
    }
    String path = parts[0].equals("OPTIONS") && parts[1].equals("*") ? "/" : parts[1];
    if (HttpUrl.parse(parts[1]) == null
        && (!path.startsWith("/") || HttpUrl.parse("http://localhost" + path) == null)) {
      return refuse(
          400,
          "MALFORMED_REQUEST",
          "the request target is no path or URL: " + abbreviate(parts[1]));
    }
    method = parts[0];
    contentLength = -1;
    chunked = false;
    bodyBytes = 0;
    return true;
  }

  private boolean header(String text) {
    // The header name as MockWebServer splits it: at the first ':' after the first character.
    int colon = text.indexOf(':', 1);
    String name = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    String value = colon < 0 ? text : text.substring(colon + 1).strip();
    switch (name) {
      case "content-length":
        if (!DIGITS.matcher(value).matches()) {
          return refuse(
              400,
              "MALFORMED_REQUEST",
              "Content-Length must be a non-negative integer: " + abbreviate(value));
        }
        long length = Long.parseLong(value);
        if (contentLength != -1 && contentLength != length) {
          return refuse(400, "MALFORMED_REQUEST", "conflicting Content-Length headers");
        }
        contentLength = length;
        return length <= maxBodyBytes || tooLarge(length);
      case "transfer-encoding":
        if (!value.equalsIgnoreCase("chunked")) {
          return refuse(
              400,
              "MALFORMED_REQUEST",
              "the only Transfer-Encoding served is chunked: " + abbreviate(value));
        }
        chunked = true;
        return true;
      case "host":
      case ":authority":
        // MockWebServer makes the request's URL from these (and throws if it cannot).
        return HttpUrl.parse("http://" + value + "/") != null
            || refuse(400, "MALFORMED_REQUEST", "Host is no host[:port]: " + abbreviate(value));
      default:
        return true;
    }
  }

  private boolean endOfHeaders() {
    if (chunked && contentLength != -1) {
      return refuse(
          400, "MALFORMED_REQUEST", "a request has Content-Length or is chunked, not both");
    }
    boolean hasBody = chunked || contentLength > 0;
    if (hasBody && (method.equals("GET") || method.equals("HEAD"))) {
      return refuse(400, "MALFORMED_REQUEST", method + " must not have a body");
    }
    if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength > 0) {
      state = State.BODY;
      remaining = contentLength;
    } else {
      state = State.REQUEST_LINE;
    }
    return true;
  }

  private boolean chunkSize(String text) {
    String size = text.strip();
    if (size.indexOf(';') >= 0) {
      return refuse(400, "MALFORMED_CHUNK", "chunk extensions are not supported");
    }
    if (!HEX.matcher(size).matches()) {
      return refuse(
          400, "MALFORMED_CHUNK", "a chunk size must be hexadecimal: " + abbreviate(size));
    }
    long length = Long.parseLong(size, 16);
    bodyBytes += length;
    if (bodyBytes > maxBodyBytes) {
      return tooLarge(bodyBytes);
    }
    if (length == 0) {
      state = State.LAST_CHUNK_END;
    } else {
      state = State.CHUNK_DATA;
      remaining = length;
    }
    return true;
  }

  private boolean tooLarge(long length) {
    return refuse(
        413,
        "BODY_TOO_LARGE",
        "the request body ("
            + (chunked ? "at least " : "")
            + length
            + " bytes) exceeds the sandbox's limit of "
            + maxBodyBytes
            + " bytes; raise SandboxOptions.Builder.maxRequestBodyBytes (--max-body-bytes on the"
            + " command line) to send more");
  }

  /** Refuses the current request; always false, for the callers' {@code return}. */
  private boolean refuse(int status, String code, String message) {
    refusal = new Refusal(status, code, message);
    return false;
  }

  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "...";
  }

  /** Writes the refusal, ends the output and drains the input for a moment. */
  private void answer() throws IOException {
    ended = true;
    LOG.debug(
        "sandbox refused a request from {}: {} {}",
        socket.getRemoteSocketAddress(),
        refusal.status,
        refusal.message);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("error", refusal.code);
    error.put("message", refusal.message);
    byte[] body = JsonCodec.write(error).getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + refusal.status
            + " "
            + Responses.reasonPhrase(refusal.status)
            + "\r\nContent-Type: "
            + Responses.JSON
            + "; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    try {
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      socket.shutdownOutput();
      linger();
    } catch (IOException e) {
      LOG.debug("the refused client went away: {}", e.toString());
    }
  }

  /** Discards input until the client closes or {@link #LINGER_MILLIS} have passed. */
  private void linger() throws IOException {
    long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
    try {
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return;
        }
        socket.setSoTimeout((int) left);
        if (in.read(chunk) < 0) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // The client neither sent nor closed: done lingering.
    }
  }
}
