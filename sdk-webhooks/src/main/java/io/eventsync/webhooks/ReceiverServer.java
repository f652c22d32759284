package io.eventsync.webhooks;

import io.eventsync.internal.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server under {@link WebhookReceiver}: one acceptor thread; each connection read on a
 * thread of its own, at most {@code maxConnections} at once (more are answered 503 at once), with
 * the whole request (headers and body) read before a deadline; the handler run on the handler
 * executor once the request is read, so that slow or silent clients never hold a handler thread.
 * One request per connection ({@code Connection: close}).
 */
final class ReceiverServer {
  private static final Logger log = LoggerFactory.getLogger(ReceiverServer.class);

  private final ServerSocket serverSocket;
  private final WebhookEndpoint endpoint;
  private final String path;
  private final long requestTimeoutNanos;
  private final int maxConnections;
  private final Executor handlerExecutor;
  private final ThreadPoolExecutor connections;
  private final Thread acceptor;
  private final Object lock = new Object();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> reading = ConcurrentHashMap.newKeySet();
  private boolean closing; // guarded by lock

  ReceiverServer(
      ServerSocket serverSocket,
      WebhookEndpoint endpoint,
      String path,
      Duration requestTimeout,
      int maxConnections,
      Executor handlerExecutor,
      String threadPrefix) {
    this.serverSocket = serverSocket;
    this.endpoint = endpoint;
    this.path = path;
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.maxConnections = maxConnections;
    this.handlerExecutor = handlerExecutor;
    this.connections =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DaemonThreads.numbered(threadPrefix + "-connection"));
    this.acceptor = DaemonThreads.newThread(this::acceptLoop, threadPrefix + "-accept");
  }

  void start() {
    acceptor.start();
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  /** Returns the number of connections being read or answered. */
  int openConnections() {
    return open.size();
  }

  /**
   * Stops accepting, drops the connections still being read, waits up to {@code grace} for the
   * deliveries in the handler, then drops the rest.
   */
  void close(Duration grace) {
    closeQuietly(serverSocket);
    connections.shutdown();
    synchronized (lock) {
      closing = true;
      reading.forEach(ReceiverServer::closeQuietly);
    }
    try {
      // returns as soon as the connections end: at once for those being read, which were closed
      if (!connections.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        open.forEach(ReceiverServer::closeQuietly);
        connections.shutdownNow();
      }
      acceptor.join(1000);
    } catch (InterruptedException e) {
      open.forEach(ReceiverServer::closeQuietly);
      connections.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (serverSocket.isClosed()) {
          return;
        }
        log.warn("the webhook receiver could not accept a connection: {}", e.toString());
        pause();
        continue;
      }
      long deadline = System.nanoTime() + requestTimeoutNanos;
      open.add(socket);
      reading.add(socket);
      try {
        connections.execute(() -> serve(socket, deadline));
      } catch (RejectedExecutionException e) {
        if (!connections.isShutdown()) {
          answerBusy(socket);
        }
        forget(socket);
      }
    }
  }

  private void answerBusy(Socket socket) {
    WebhookEndpoint.Response busy =
        endpoint
            .refuse(
                503,
                "TOO_MANY_CONNECTIONS",
                "the receiver is busy; retry later",
                "more than " + maxConnections + " connections at once")
            .withHeader("Retry-After", "1");
    try {
      write(socket, busy);
    } catch (IOException e) {
      log.debug("could not answer 503 to a connection beyond the limit: {}", e.toString());
    }
  }

  private void serve(Socket socket, long deadline) {
    try {
      WebhookEndpoint.Response response = exchange(socket, deadline);
      if (response != null) {
        write(socket, response);
      }
    } catch (IOException e) {
      log.debug("webhook connection dropped: {}", e.toString());
    } finally {
      forget(socket);
    }
  }

  /** Reads the request and answers it; returns null when nothing must be answered. */
  private WebhookEndpoint.@Nullable Response exchange(Socket socket, long deadline)
      throws IOException {
    HttpRequestReader reader = new HttpRequestReader(socket, deadline);
    int maxBody = endpoint.maxBodyBytes();
    byte[] body;
    HttpRequestReader.Head head;
    try {
      head = reader.readHead();
      if (!head.path.equals(path) || !"POST".equals(head.method)) {
        if (!head.expectContinue && head.contentLength <= maxBody) {
          skipBody(reader, head, maxBody);
        }
        return misdirected(head);
      }
      if (head.contentLength > maxBody) {
        return endpoint.tooLarge("declared Content-Length " + head.contentLength);
      }
      if (head.expectContinue) {
        reader.sendContinue();
      }
      body = reader.readBody(head, maxBody);
    } catch (HttpRequestReader.Refusal refusal) {
      if (refusal.silent) {
        return null;
      }
      return endpoint.refuse(
          refusal.status, refusal.code, refusal.publicMessage, refusal.publicMessage);
    }
    synchronized (lock) {
      if (closing) {
        return closingAnswer();
      }
      reading.remove(socket);
    }
    return handle(WebhookHeaders.ofMulti(head.headers), body);
  }

  /** Reads a small body that will not be used, so that closing does not reset the answer. */
  private static void skipBody(HttpRequestReader reader, HttpRequestReader.Head head, int maxBody)
      throws IOException {
    try {
      reader.readBody(head, maxBody);
    } catch (HttpRequestReader.Refusal ignored) {
      // the request is answered 404 or 405 all the same
    }
  }

  private WebhookEndpoint.Response misdirected(HttpRequestReader.Head head) {
    log.debug("webhook receiver: {} {} refused", head.method, head.path);
    if (!head.path.equals(path)) {
      return WebhookEndpoint.failure(404, "NOT_FOUND", "no webhook endpoint at this path");
    }
    return WebhookEndpoint.failure(405, "METHOD_NOT_ALLOWED", "webhooks must be sent with POST")
        .withHeader("Allow", "POST");
  }

  private WebhookEndpoint.Response handle(WebhookHeaders headers, byte[] body) {
    try {
      return CompletableFuture.supplyAsync(() -> endpoint.handle(headers, body), handlerExecutor)
          .get();
    } catch (RejectedExecutionException e) {
      return closingAnswer();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return closingAnswer();
    } catch (ExecutionException e) { // the endpoint catches the handler's failures; not these
      log.warn("webhook receiver failed; answering 500 so the sender retries", e.getCause());
      return WebhookEndpoint.failure(
          500, "HANDLER_FAILED", "the delivery could not be processed; retry later");
    }
  }

  private static WebhookEndpoint.Response closingAnswer() {
    return WebhookEndpoint.failure(503, "RECEIVER_CLOSING", "the receiver is closing; retry later")
        .withHeader("Retry-After", "1");
  }

  private static void write(Socket socket, WebhookEndpoint.Response response) throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(response.status)
            .append(' ')
            .append(reason(response.status))
            .append("\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ")
            .append(response.body.length)
            .append("\r\nConnection: close\r\n");
    for (Map.Entry<String, String> header : response.headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + response.body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(response.body, 0, all, headBytes.length, response.body.length);
    OutputStream out = socket.getOutputStream();
    out.write(all);
    out.flush();
    socket.shutdownOutput(); // the answer, then end of stream; unread request bytes are not drained
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 408:
        return "Request Timeout";
      case 413:
        return "Content Too Large";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  private void forget(Socket socket) {
    reading.remove(socket);
    open.remove(socket);
    closeQuietly(socket);
  }

  private static void pause() {
    try {
      Thread.sleep(50); // e.g. out of file descriptors: do not spin
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed or broken: nothing left to do
    }
  }
}
