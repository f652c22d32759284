package io.eventsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server that answers every request with a fixed status line and headers and then
 * either writes a chunked body forever (until the client goes away) or, for a declared {@code
 * Content-Length}, writes nothing and waits: the responses MockWebServer cannot make without
 * holding them in memory.
 */
final class EndlessServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String head;
  private final boolean endless;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong bodyBytesWritten = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  private EndlessServer(String head, boolean endless) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.head = head;
    this.endless = endless;
    Thread acceptor = new Thread(this::accept, "endless-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code status} with a chunked JSON body that never ends. */
  static EndlessServer chunked(int status) throws IOException {
    return new EndlessServer(
        "HTTP/1.1 "
            + status
            + " X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        true);
  }

  /** Answers 200 declaring {@code length} bytes, and sends none of them. */
  static EndlessServer declaring(long length) throws IOException {
    return new EndlessServer(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + length
            + "\r\n\r\n",
        false);
  }

  String url(String path) {
    return "http://"
        + socket.getInetAddress().getHostAddress()
        + ":"
        + socket.getLocalPort()
        + path;
  }

  long bodyBytesWritten() {
    return bodyBytesWritten.get();
  }

  long requests() {
    return requests.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        Thread worker = new Thread(() -> serve(client), "endless-server-conn");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      long contentLength = readHead(in);
      in.readNBytes((int) contentLength);
      requests.incrementAndGet();
      OutputStream out = client.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (!endless) {
        in.read(); // wait for the client to give up
        return;
      }
      // {"access_token": "AAAA... : a JSON value that never ends, whatever reads it
      byte[] chunk = ("2000\r\n" + "A".repeat(8192) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      out.write("12\r\n{\"access_token\": \"\r\n".getBytes(StandardCharsets.US_ASCII));
      while (true) {
        out.write(chunk);
        bodyBytesWritten.addAndGet(8192);
      }
    } catch (IOException clientWentAway) {
      // expected: the client stops reading and closes the connection
    } finally {
      open.remove(client);
    }
  }

  private static long readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request cut short");
      }
      head.append((char) b);
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(15).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : open) {
      client.close();
    }
  }
}
