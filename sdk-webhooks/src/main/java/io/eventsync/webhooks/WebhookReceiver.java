package io.eventsync.webhooks;

import io.eventsync.internal.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ready webhook endpoint with its own small HTTP/1.1 server: it reads the raw body with the
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
 * <p>Answers: {@code 200 {"success": true}} when the handler returned (or the delivery was already
 * handled); {@code 401} when the signature is missing, malformed, wrong or out of its time window;
 * {@code 413} when the body is larger than the verifier's {@link
 * WebhookVerifier.Builder#maxBodyBytes(int) maxBodyBytes} (at once, without reading the body, when
 * its {@code Content-Length} says so); {@code 400} when the request is malformed, its body ends
 * before its declared length, or a verified body is not readable JSON; {@code 408} when the request
 * is not read within the {@linkplain Builder#requestTimeout(Duration) request timeout}; {@code 500}
 * when the handler threw, and {@code 503} with {@code Retry-After} when an earlier attempt of the
 * same delivery is still in the handler or there are too many connections, so that the sender
 * retries; {@code 404} and {@code 405} for other paths and methods. Failure bodies are {@code
 * {"success": false, "error": {"code": ..., "message": ...}}} and never echo a signature, a secret
 * or an exception's message.
 *
 * <p>Slow or silent clients cannot stop deliveries: each connection is read on a thread of its own
 * (at most {@link Builder#maxConnections(int)}) within the request timeout, and the handler threads
 * only ever run verified, fully read deliveries. One request per connection ({@code Connection:
 * close}). Refused deliveries are logged at DEBUG, with a WARN summary at most once a minute.
 *
 * <p>Thread-safe. {@link #close()} stops the server and the threads the receiver created.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** The default path: {@code /webhooks}. */
  public static final String DEFAULT_PATH = "/webhooks";

  /** The default number of threads that run the handler: 4. */
  public static final int DEFAULT_THREADS = 4;

  /** The default time to receive a whole request, headers and body: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** The default number of connections read or answered at once: 64. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
  private static final AtomicInteger RECEIVERS = new AtomicInteger();
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

  private final WebhookEndpoint endpoint;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final String path;
  private final Executor userExecutor;
  private final int threads;
  private final Duration requestTimeout;
  private final int maxConnections;
  private @Nullable ReceiverServer server;
  private @Nullable ExecutorService ownedExecutor;
  private boolean closed;

  private WebhookReceiver(Builder builder) {
    this.endpoint = new WebhookEndpoint(builder.parser, builder.handler, builder.seenStore);
    this.bindAddress = builder.bindAddress;
    this.requestedPort = builder.port;
    this.path = builder.path;
    this.userExecutor = builder.executor;
    this.threads = builder.threads;
    this.requestTimeout = builder.requestTimeout;
    this.maxConnections = builder.maxConnections;
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
    ServerSocket socket;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(bindAddress, requestedPort), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bindAddress.getHostAddress() + ":" + requestedPort, e);
    }
    int receiver = RECEIVERS.incrementAndGet();
    Executor handlerExecutor = userExecutor;
    if (handlerExecutor == null) {
      ownedExecutor =
          Executors.newFixedThreadPool(
              threads, DaemonThreads.numbered("eventsync-webhooks-" + receiver));
      handlerExecutor = ownedExecutor;
    }
    server =
        new ReceiverServer(
            socket,
            endpoint,
            path,
            requestTimeout,
            maxConnections,
            handlerExecutor,
            "eventsync-webhooks-" + receiver);
    server.start();
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
    return server.port();
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
   * Stops listening, drops the connections whose request is still being read, waits up to a second
   * for deliveries in the handler (returning as soon as they end), stops the threads it created,
   * and writes the WARN summary of refusals not summarized yet. Does nothing when already closed.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.close(SHUTDOWN_GRACE);
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
    endpoint.flushRefusals();
    log.debug("webhook receiver on port {} closed", requestedPort);
  }

  /** Returns the number of connections being read or answered (for tests). */
  synchronized int openConnections() {
    return server == null ? 0 : server.openConnections();
  }

  @Override
  public String toString() {
    return "WebhookReceiver[" + bindAddress.getHostAddress() + ":" + requestedPort + path + "]";
  }

  /** Configures a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private final WebhookParser parser;
    private @Nullable WebhookHandler handler;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String path = DEFAULT_PATH;
    private @Nullable SeenStore seenStore;
    private @Nullable Executor executor;
    private int threads = DEFAULT_THREADS;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

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
     * handled (its handler returned) is answered 200 without calling the handler; one whose earlier
     * attempt is still in the handler is answered {@code 503} with {@code Retry-After: 10}, so that
     * the sender comes back for the outcome; a failed one is released so that its retry is handled.
     * Default: off, every delivery reaches the handler.
     *
     * @see SeenStore#inMemory(Duration)
     * @see JdbcSeenStore
     */
    public Builder deduplicate(SeenStore seenStore) {
      this.seenStore = Objects.requireNonNull(seenStore, "seenStore == null");
      return this;
    }

    /**
     * Sets the executor that runs the handler (requests are read on the receiver's own connection
     * threads, see {@link #maxConnections(int)}); the receiver does not shut it down. Default:
     * {@link #threads(int)} daemon threads owned by the receiver.
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
     * Sets how long a client has to send a whole request, headers and body, from the moment its
     * connection is accepted; a request not read by then is answered {@code 408} and its connection
     * closed. Default: {@link WebhookReceiver#DEFAULT_REQUEST_TIMEOUT} (10 s).
     *
     * @throws IllegalArgumentException if {@code requestTimeout} is not positive
     */
    public Builder requestTimeout(Duration requestTimeout) {
      Objects.requireNonNull(requestTimeout, "requestTimeout == null");
      if (requestTimeout.isZero() || requestTimeout.isNegative()) {
        throw new IllegalArgumentException("requestTimeout <= 0: " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Sets how many connections are read or answered at once, each on a thread of the receiver's; a
     * connection beyond that is answered {@code 503} with {@code Retry-After: 1} at once. Silent
     * clients hold a connection at most for the {@link #requestTimeout(Duration) request timeout}.
     * Default: {@value WebhookReceiver#DEFAULT_MAX_CONNECTIONS}.
     *
     * @throws IllegalArgumentException if {@code maxConnections} is not positive
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections <= 0) {
        throw new IllegalArgumentException("maxConnections <= 0: " + maxConnections);
      }
      this.maxConnections = maxConnections;
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
