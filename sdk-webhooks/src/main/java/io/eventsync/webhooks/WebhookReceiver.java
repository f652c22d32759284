package io.eventsync.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready webhook endpoint on the JDK's built-in HTTP server: it reads the raw body with the
 * verifier's size limit, verifies it, parses it, hands it to your {@link WebhookHandler} and
 * answers the sender.
 *
 * <pre>{@code
 * try (WebhookReceiver receiver = WebhookReceiver.builder(verifier)
 *     .port(8080)
 *     .handler(delivery -> orders.apply(delivery.payload()))
 *     .build()
 *     .start()) {
 *   register(receiver.url());
 *   ...
 * }
 * }</pre>
 *
 * <p>Answers: {@code 200 {"success": true}} when the handler returned (or the delivery is a
 * duplicate); {@code 401} when the signature is missing, malformed, wrong or out of its time
 * window; {@code 413} when the body is too large; {@code 400} when a verified body is not readable
 * JSON; {@code 500} when the handler threw, so that the sender retries; {@code 404} and {@code 405}
 * for other paths and methods. Failure bodies are {@code {"success": false, "error": {"code": ...,
 * "message": ...}}} and never echo a signature or secret.
 *
 * <p>Thread-safe. {@link #close()} stops the server and the threads the receiver created.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** The default path: {@code /webhooks}. */
  public static final String DEFAULT_PATH = "/webhooks";

  /** The default number of threads that run the handler: 4. */
  public static final int DEFAULT_THREADS = 4;

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final AtomicInteger RECEIVERS = new AtomicInteger();
  private static final int SHUTDOWN_GRACE_SECONDS = 1;

  private final WebhookEndpoint endpoint;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final String path;
  private final Executor userExecutor;
  private final int threads;
  private final AtomicInteger inFlight = new AtomicInteger();
  private HttpServer server;
  private ExecutorService ownedExecutor;
  private boolean closed;

  private WebhookReceiver(Builder builder) {
    this.endpoint = new WebhookEndpoint(builder.parser, builder.handler, builder.seenStore);
    this.bindAddress = builder.bindAddress;
    this.requestedPort = builder.port;
    this.path = builder.path;
    this.userExecutor = builder.executor;
    this.threads = builder.threads;
  }

  /** Returns a builder for a receiver that verifies with {@code verifier}. */
  public static Builder builder(WebhookVerifier verifier) {
    return builder(WebhookParser.of(verifier));
  }

  /** Returns a builder for a receiver that verifies and parses with {@code parser}. */
  public static Builder builder(WebhookParser parser) {
    return new Builder(parser);
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this receiver
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if already started or closed
   */
  public synchronized WebhookReceiver start() {
    if (closed || server != null) {
      throw new IllegalStateException(closed ? "receiver is closed" : "receiver already started");
    }
    HttpServer created;
    try {
      created = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bindAddress.getHostAddress() + ":" + requestedPort, e);
    }
    created.createContext("/", this::serve);
    if (userExecutor != null) {
      created.setExecutor(userExecutor);
    } else {
      ownedExecutor = Executors.newFixedThreadPool(threads, threadFactory());
      created.setExecutor(ownedExecutor);
    }
    created.start();
    server = created;
    log.debug("webhook receiver listening on {}", url());
    return this;
  }

  /**
   * Returns the port the receiver listens on (the one chosen by the system when the port was 0).
   *
   * @throws IllegalStateException if not started
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("receiver not started");
    }
    return server.getAddress().getPort();
  }

  /**
   * Returns the URL of the endpoint, for example {@code http://127.0.0.1:8080/webhooks}; a wildcard
   * bind address is shown as {@code 127.0.0.1}.
   *
   * @throws IllegalStateException if not started
   */
  public synchronized URI url() {
    int port = port();
    InetAddress address = bindAddress.isAnyLocalAddress() ? null : bindAddress;
    String host = address == null ? "127.0.0.1" : address.getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port + path);
  }

  /**
   * Stops listening, waits up to a second for deliveries in progress (not at all when there are
   * none), and stops the threads it created. Does nothing when already closed.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      // HttpServer.stop(n) may wait the whole n seconds even when idle
      server.stop(inFlight.get() == 0 ? 0 : SHUTDOWN_GRACE_SECONDS);
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    log.debug("webhook receiver on port {} closed", requestedPort);
  }

  private void serve(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      WebhookEndpoint.Response response;
      if (!exchange.getRequestURI().getPath().equals(path)) {
        response = WebhookEndpoint.failure(404, "NOT_FOUND", "no webhook endpoint at this path");
      } else if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        response =
            WebhookEndpoint.failure(405, "METHOD_NOT_ALLOWED", "webhooks must be sent with POST");
      } else {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = endpoint.readBody(in, declaredLength(exchange));
        }
        response =
            body == null
                ? endpoint.tooLarge()
                : endpoint.handle(WebhookHeaders.ofMulti(exchange.getRequestHeaders()), body);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(response.status, response.body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body);
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static long declaredLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ThreadFactory threadFactory() {
    int receiver = RECEIVERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "eventsync-webhooks-" + receiver + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "WebhookReceiver[" + bindAddress.getHostAddress() + ":" + requestedPort + path + "]";
  }

  /** Configures a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private final WebhookParser parser;
    private WebhookHandler handler;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String path = DEFAULT_PATH;
    private SeenStore seenStore;
    private Executor executor;
    private int threads = DEFAULT_THREADS;

    private Builder(WebhookParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser == null");
    }

    /** Sets the handler that processes verified deliveries. Required. */
    public Builder handler(WebhookHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler == null");
      return this;
    }

    /**
     * Sets the port. Default: 0, a free port chosen when started (see {@link
     * WebhookReceiver#port()}).
     *
     * @throws IllegalArgumentException if {@code port} is not 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the address to listen on. Default: the loopback address, reachable from this machine
     * only (behind a reverse proxy, or for tests); use {@code 0.0.0.0} to accept deliveries from
     * other hosts.
     */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress == null");
      return this;
    }

    /**
     * Sets the path of the endpoint; other paths answer 404. Default: {@value
     * WebhookReceiver#DEFAULT_PATH}.
     *
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path == null");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /: " + path);
      }
      this.path = path;
      return this;
    }

    /**
     * Drops duplicate deliveries: a delivery whose {@link WebhookDelivery#deliveryId()} was already
     * handled is answered 200 without calling the handler; a failed one is forgotten so that its
     * retry is handled. Default: off, every delivery reaches the handler.
     */
    public Builder deduplicate(SeenStore seenStore) {
      this.seenStore = Objects.requireNonNull(seenStore, "seenStore == null");
      return this;
    }

    /**
     * Sets the executor that runs requests and the handler; the receiver does not shut it down.
     * Default: {@link #threads(int)} daemon threads owned by the receiver.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Sets the number of threads of the receiver's own executor. Default: {@value
     * WebhookReceiver#DEFAULT_THREADS}.
     *
     * @throws IllegalArgumentException if {@code threads} is not positive
     */
    public Builder threads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads <= 0: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Returns the receiver, not yet started.
     *
     * @throws IllegalStateException if no handler was set
     */
    public WebhookReceiver build() {
      if (handler == null) {
        throw new IllegalStateException("no handler: call handler(...)");
      }
      return new WebhookReceiver(this);
    }
  }
}
