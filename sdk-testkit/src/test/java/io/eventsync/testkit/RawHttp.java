package io.eventsync.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Raw HTTP/1.1 over a socket, for requests no well-behaved client sends. */
final class RawHttp {
  /** One answer: the status line's code and the body. */
  record Answer(int status, String body) {}

  private RawHttp() {}

  /**
   * Sends {@code request} (ISO-8859-1) and reads {@code answers} answers, each framed by its
   * Content-Length.
   *
   * @throws AssertionError if an answer does not come within 5 seconds or the connection ends first
   */
  static List<Answer> exchange(int port, String request, int answers) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      List<Answer> out = new ArrayList<>();
      for (int i = 0; i < answers; i++) {
        out.add(readAnswer(in));
      }
      return out;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 5 s to: " + firstLine(request), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} and reads one answer. */
  static Answer exchange(int port, String request) {
    return exchange(port, request, 1).get(0);
  }

  private static Answer readAnswer(InputStream in) throws IOException {
    String statusLine = line(in);
    int contentLength = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        contentLength = Integer.parseInt(header.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(contentLength);
    return new Answer(
        Integer.parseInt(statusLine.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new AssertionError("the connection ended without a complete answer: " + line);
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static String firstLine(String request) {
    int end = request.indexOf('\r');
    return end < 0 ? request : request.substring(0, end);
  }

  /** A POST of {@code body} with Content-Length. */
  static String post(String path, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + bytes.length
        + "\r\n\r\n"
        + new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** A GET with the dev token. */
  static String get(String path) {
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + EventSyncSandbox.DEV_TOKEN
        + "\r\n\r\n";
  }
}
