package io.eventsync.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EventSyncSandbox}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * SandboxOptions options = SandboxOptions.builder()
 *     .batchSize(10)
 *     .tokenTtl(Duration.ofSeconds(2))
 *     .deliveryRetryPolicy(new DeliveryRetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)))
 *     .build();
 * }</pre>
 */
public final class SandboxOptions {
  /** The default port: 0, any free port. */
  public static final int DEFAULT_PORT = 0;

  /** The default seed of generated ids, payloads and values. */
  public static final long DEFAULT_SEED = 42;

  /** The default number of events per Tiki pull. */
  public static final int DEFAULT_BATCH_SIZE = 50;

  /** The default number of Tiki queues an app may have. */
  public static final int DEFAULT_MAX_QUEUES = 10;

  /** The default lifetime of issued OAuth tokens. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);

  /** The default connect, read and write timeout of webhook deliveries. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

  /** The default largest request body accepted: 16 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 16L * 1024 * 1024;

  /** The upper bound of {@link Builder#maxRequestBodyBytes}: 1 GiB. */
  public static final long MAX_REQUEST_BODY_BYTES_LIMIT = 1L << 30;

  /** The default largest emit of Tiki events with a given payload: 64 MiB of payloads. */
  public static final long DEFAULT_MAX_EMIT_BYTES = 64L * 1024 * 1024;

  private final int port;
  private final long seed;
  private final int batchSize;
  private final int maxQueues;
  private final Duration tokenTtl;
  private final boolean devTokenEnabled;
  private final DeliveryRetryPolicy deliveryRetryPolicy;
  private final Duration deliveryTimeout;
  private final Clock clock;
  private final long maxRequestBodyBytes;
  private final long maxEmitBytes;

  private SandboxOptions(Builder b) {
    this.port = b.port;
    this.seed = b.seed;
    this.batchSize = b.batchSize;
    this.maxQueues = b.maxQueues;
    this.tokenTtl = b.tokenTtl;
    this.devTokenEnabled = b.devTokenEnabled;
    this.deliveryRetryPolicy = b.deliveryRetryPolicy;
    this.deliveryTimeout = b.deliveryTimeout;
    this.clock = b.clock;
    this.maxRequestBodyBytes = b.maxRequestBodyBytes;
    this.maxEmitBytes = b.maxEmitBytes;
  }

  /** Returns the default options. */
  public static SandboxOptions defaults() {
    return builder().build();
  }

  /** Returns a builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.seed = seed;
    b.batchSize = batchSize;
    b.maxQueues = maxQueues;
    b.tokenTtl = tokenTtl;
    b.devTokenEnabled = devTokenEnabled;
    b.deliveryRetryPolicy = deliveryRetryPolicy;
    b.deliveryTimeout = deliveryTimeout;
    b.clock = clock;
    b.maxRequestBodyBytes = maxRequestBodyBytes;
    b.maxEmitBytes = maxEmitBytes;
    return b;
  }

  /** The port to listen on; 0 for any free port. */
  public int port() {
    return port;
  }

  /** The seed of generated ids, payloads and values. */
  public long seed() {
    return seed;
  }

  /** The maximum number of events per Tiki pull. */
  public int batchSize() {
    return batchSize;
  }

  /** The maximum number of Tiki queues. */
  public int maxQueues() {
    return maxQueues;
  }

  /** The lifetime of issued OAuth tokens. */
  public Duration tokenTtl() {
    return tokenTtl;
  }

  /** Whether the static dev token {@value EventSyncSandbox#DEV_TOKEN} is accepted. */
  public boolean devTokenEnabled() {
    return devTokenEnabled;
  }

  /** The retry policy of TikiNOW webhook deliveries. */
  public DeliveryRetryPolicy deliveryRetryPolicy() {
    return deliveryRetryPolicy;
  }

  /** The connect, read and write timeout of one webhook delivery attempt. */
  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** The clock of timestamps and token expiry. */
  public Clock clock() {
    return clock;
  }

  /**
   * The largest request body accepted; a larger one is answered 413 without being read into memory.
   */
  public long maxRequestBodyBytes() {
    return maxRequestBodyBytes;
  }

  /**
   * The largest emit of Tiki events with a given payload, as {@code count} times the payload's JSON
   * size in bytes; a larger one is refused (413 over HTTP).
   */
  public long maxEmitBytes() {
    return maxEmitBytes;
  }

  /** Builds {@link SandboxOptions}. Not thread-safe. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private long seed = DEFAULT_SEED;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxQueues = DEFAULT_MAX_QUEUES;
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private boolean devTokenEnabled = true;
    private DeliveryRetryPolicy deliveryRetryPolicy = DeliveryRetryPolicy.DEFAULT;
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private long maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private long maxEmitBytes = DEFAULT_MAX_EMIT_BYTES;

    private Builder() {}

    /** Sets the port; default {@value SandboxOptions#DEFAULT_PORT} (any free port). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the seed of generated ids, payloads and values; default {@value
     * SandboxOptions#DEFAULT_SEED}.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the maximum events per Tiki pull; default {@value SandboxOptions#DEFAULT_BATCH_SIZE}.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the maximum number of Tiki queues; default {@value SandboxOptions#DEFAULT_MAX_QUEUES}.
     */
    public Builder maxQueues(int maxQueues) {
      if (maxQueues < 0) {
        throw new IllegalArgumentException("maxQueues must not be negative: " + maxQueues);
      }
      this.maxQueues = maxQueues;
      return this;
    }

    /** Sets the lifetime of issued OAuth tokens; default one hour. */
    public Builder tokenTtl(Duration tokenTtl) {
      Objects.requireNonNull(tokenTtl, "tokenTtl == null");
      if (tokenTtl.isNegative() || tokenTtl.isZero()) {
        throw new IllegalArgumentException("tokenTtl must be positive: " + tokenTtl);
      }
      this.tokenTtl = tokenTtl;
      return this;
    }

    /** Sets whether the dev token {@value EventSyncSandbox#DEV_TOKEN} works; default true. */
    public Builder devTokenEnabled(boolean devTokenEnabled) {
      this.devTokenEnabled = devTokenEnabled;
      return this;
    }

    /** Sets the webhook retry policy; default {@link DeliveryRetryPolicy#DEFAULT}. */
    public Builder deliveryRetryPolicy(DeliveryRetryPolicy deliveryRetryPolicy) {
      this.deliveryRetryPolicy =
          Objects.requireNonNull(deliveryRetryPolicy, "deliveryRetryPolicy == null");
      return this;
    }

    /** Sets the timeout of one webhook delivery attempt; default 5 seconds. */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      Objects.requireNonNull(deliveryTimeout, "deliveryTimeout == null");
      if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
        throw new IllegalArgumentException("deliveryTimeout must be positive: " + deliveryTimeout);
      }
      this.deliveryTimeout = deliveryTimeout;
      return this;
    }

    /** Sets the clock of timestamps and token expiry; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the largest request body accepted, between 1 and {@link
     * SandboxOptions#MAX_REQUEST_BODY_BYTES_LIMIT} (1 GiB); default {@link
     * SandboxOptions#DEFAULT_MAX_REQUEST_BODY_BYTES} (16 MiB). A request whose {@code
     * Content-Length} or chunks exceed it is answered 413 at once, and its connection closed.
     */
    public Builder maxRequestBodyBytes(long maxRequestBodyBytes) {
      if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > MAX_REQUEST_BODY_BYTES_LIMIT) {
        throw new IllegalArgumentException(
            "maxRequestBodyBytes must be within 1.."
                + MAX_REQUEST_BODY_BYTES_LIMIT
                + ": "
                + maxRequestBodyBytes);
      }
      this.maxRequestBodyBytes = maxRequestBodyBytes;
      return this;
    }

    /**
     * Sets the largest emit of Tiki events with a given payload, as {@code count} times the
     * payload's JSON size in bytes; default {@link SandboxOptions#DEFAULT_MAX_EMIT_BYTES} (64 MiB).
     * Emitted events share one copy of their payload, but every pull writes it once per event.
     */
    public Builder maxEmitBytes(long maxEmitBytes) {
      if (maxEmitBytes < 1) {
        throw new IllegalArgumentException("maxEmitBytes must be at least 1: " + maxEmitBytes);
      }
      this.maxEmitBytes = maxEmitBytes;
      return this;
    }

    /** Returns the options. */
    public SandboxOptions build() {
      return new SandboxOptions(this);
    }
  }
}
