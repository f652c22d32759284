package io.eventsync;

import io.eventsync.auth.Credentials;
import io.eventsync.collector.CollectorApi;
import io.eventsync.eventlog.EventLogApi;
import io.eventsync.fulfillment.FulfillmentApi;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiFactories;
import io.eventsync.internal.CredentialsAccess;
import io.eventsync.internal.HttpCore;
import io.eventsync.internal.Redactor;
import io.eventsync.orders.CustomerOrdersApi;
import io.eventsync.queue.EventQueueApi;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point to the five event APIs.
 *
 * <p><strong>Create one client and share it.</strong> A client holds a connection pool and threads;
 * it is immutable and thread-safe, and {@link #newBuilder()} derives a variant (other credentials,
 * another retry policy) that shares them. {@link #close()} releases them, unless the {@link
 * OkHttpClient} was supplied by the caller, which is never closed.
 *
 * <pre>{@code
 * EventSyncClient client = EventSyncClient.builder()
 *     .baseUrl("http://localhost:8080")            // one host for every API; per-API overrides exist
 *     .credentials(Credentials.bearer(token))
 *     .build();
 * }</pre>
 *
 * <p>Every call is retried per the {@link RetryPolicy}: connect failures always; I/O errors after
 * sending and HTTP 408, 500, 502 and 504 only for idempotent calls (GET, PUT, DELETE, queue pulls);
 * HTTP 429 and 503 always, after the server's {@code Retry-After}. Failures are typed: {@link
 * ApiException} and its subclasses, {@link ApiConnectionException} and {@link DecodingException}.
 *
 * <p>Redirects are followed only within one origin (scheme, host and port), and a 301, 302 or 303
 * only for {@code GET}; any other is a {@link RedirectException}, even with a supplied {@link
 * OkHttpClient} (whose own settings are kept for its other calls). Token requests follow none.
 * Response bodies are read whole, up to {@link Builder#maxResponseSize} (default {@value
 * #DEFAULT_MAX_RESPONSE_SIZE} bytes); a larger one is a {@link ResponseTooLargeException}.
 */
public final class EventSyncClient implements AutoCloseable {
  /** The SDK's version, sent in the {@code User-Agent}. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout: 30 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Default call timeout (one attempt, from connect to the end of the body): 60 s. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Default maximum response size: 16 MiB ({@value} bytes). A full events-log page (1,000 rows) and
   * a full queue batch take well under 1 MiB at the documented event sizes, so this leaves room for
   * payloads sixteen times larger while an endless or hostile answer costs at most 16 MiB.
   */
  public static final long DEFAULT_MAX_RESPONSE_SIZE = 16L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EventSyncClient.class);

  /**
   * The longest timeout OkHttp can hold: {@code Integer.MAX_VALUE} milliseconds (about 24 days).
   */
  static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

  private final Builder config;
  private final Map<Api, HttpUrl> baseUrls;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final HttpCore core;
  private final Map<Api, HttpCore> cores;

  private EventSyncClient(Builder builder, OkHttpClient http, boolean ownsHttp) {
    this.config = builder.copy();
    this.baseUrls = new EnumMap<>(Api.class);
    for (Api api : Api.values()) {
      String url = builder.baseUrls.getOrDefault(api, builder.baseUrl);
      if (url == null) {
        url = api.defaultBaseUrl();
      }
      if (url != null) {
        baseUrls.put(api, HttpUrl.get(url));
      }
    }
    this.http = http;
    this.ownsHttp = ownsHttp;
    String userAgent =
        "eventsync-java/"
            + VERSION
            + (builder.userAgentSuffix != null ? " " + builder.userAgentSuffix : "");
    this.core =
        HttpCore.create(
            http,
            builder.credentials,
            builder.retryPolicy,
            builder.clock,
            builder.sleeper,
            userAgent,
            builder.maxResponseSize);
    this.cores = new EnumMap<>(Api.class);
    for (Map.Entry<Api, HttpUrl> entry : baseUrls.entrySet()) {
      Credentials credentials =
          builder.apiCredentials.getOrDefault(entry.getKey(), builder.credentials);
      Credentials forApi = CredentialsAccess.forApi(credentials, entry.getKey(), entry.getValue());
      cores.put(
          entry.getKey(), forApi == builder.credentials ? core : core.withCredentials(forApi));
    }
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder with this client's settings. A client built from it shares this client's
   * connection pool and threads; closing either does not close the other's shared resources unless
   * it owns them.
   */
  public Builder newBuilder() {
    Builder builder = config.copy();
    builder.okHttpClient = http;
    return builder;
  }

  /**
   * Returns a client that sends {@code credentials} on every call (a seller's token, a tenant's
   * OAuth client) and shares everything else with this one: its connection pool, threads and
   * settings. Cheap enough to make one per stream of a {@link io.eventsync.poll.PollerGroup}.
   * Closing the returned client cancels only its own calls; this client keeps owning the pool.
   * Per-API credentials set on this client's builder are not carried over.
   */
  public EventSyncClient withCredentials(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials == null");
    Builder builder = newBuilder();
    builder.apiCredentials.clear();
    return builder.credentials(credentials).build();
  }

  /**
   * Returns the base URL used for {@code api}.
   *
   * @throws IllegalStateException if none was set and the vendor documents no default host
   */
  public String baseUrl(Api api) {
    return resolve(api).toString();
  }

  /** Returns the credentials, or null if calls are sent without {@code Authorization}. */
  public @Nullable Credentials credentials() {
    return config.credentials;
  }

  /** Returns the retry policy. */
  public RetryPolicy retryPolicy() {
    return config.retryPolicy;
  }

  /** Returns the clock used for token expiry, {@code Retry-After} dates and lag. */
  public Clock clock() {
    return config.clock;
  }

  /**
   * Returns the base URL for {@code api} as an {@link HttpUrl}.
   *
   * @throws IllegalStateException if none was set and the vendor documents no default host
   */
  HttpUrl resolve(Api api) {
    HttpUrl url = baseUrls.get(api);
    if (url == null) {
      throw new IllegalStateException(
          "no base URL for the "
              + api.displayName()
              + " API: the vendor documents no default host; set one with "
              + "EventSyncClient.builder().baseUrl(Api."
              + api.name()
              + ", \"https://...\") or baseUrl(\"https://...\") for all APIs");
    }
    return url;
  }

  /** Returns the Tiki event queue API. */
  public EventQueueApi eventQueue() {
    return ApiFactories.create(EventQueueApi.class, context(Api.EVENT_QUEUE), null);
  }

  /**
   * Returns the Wishlist Co. event collector for {@code tenantId} (sent as {@code X-TWC-Tenant}).
   *
   * @throws IllegalArgumentException if {@code tenantId} is blank
   */
  public CollectorApi collector(String tenantId) {
    return ApiFactories.create(CollectorApi.class, context(Api.COLLECTOR), tenantId);
  }

  /** Returns TikiNOW webhook registration. */
  public FulfillmentApi fulfillment() {
    return ApiFactories.create(FulfillmentApi.class, context(Api.FULFILLMENT), null);
  }

  /**
   * Returns Hii Retail incoming customer orders.
   *
   * @throws IllegalStateException if no base URL is set for {@link Api#CUSTOMER_ORDERS}
   */
  public CustomerOrdersApi customerOrders() {
    return ApiFactories.create(CustomerOrdersApi.class, context(Api.CUSTOMER_ORDERS), null);
  }

  /**
   * Returns the Puro.earth events log API.
   *
   * @throws IllegalStateException if no base URL was set for it (the vendor documents no host)
   */
  public EventLogApi eventLog() {
    return ApiFactories.create(EventLogApi.class, context(Api.EVENT_LOG), null);
  }

  private ApiContext context(Api api) {
    return new ApiContext(cores.getOrDefault(api, core), api, resolve(api));
  }

  /** Returns the HTTP core the API families call through. For the SDK's own packages. */
  HttpCore core() {
    return core;
  }

  /**
   * Cancels this client's calls in flight (they fail with an {@link ApiConnectionException} that
   * says the client was closed) and releases the connection pool and threads if this client created
   * its own HTTP client. A client supplied with {@link Builder#okHttpClient} is left open, and its
   * other calls (yours, or those of another {@code EventSyncClient} on it) are not cancelled. Calls
   * made after closing fail at once.
   */
  @Override
  public void close() {
    int cancelled = core.cancelAndClose();
    if (cancelled > 0) {
      log.debug("closing the client cancelled {} call(s) in flight", cancelled);
    }
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    Map<Api, String> redacted = new LinkedHashMap<>();
    baseUrls.forEach((api, url) -> redacted.put(api, Redactor.url(url)));
    return "EventSyncClient{baseUrls="
        + redacted
        + ", credentials="
        + config.credentials
        + (config.apiCredentials.isEmpty() ? "" : ", apiCredentials=" + config.apiCredentials)
        + ", retryPolicy="
        + config.retryPolicy
        + '}';
  }

  /** Builds an {@link EventSyncClient}. Not thread-safe. */
  public static final class Builder {
    private String baseUrl;
    private final Map<Api, String> baseUrls = new EnumMap<>(Api.class);
    private Credentials credentials;
    private final Map<Api, Credentials> apiCredentials = new EnumMap<>(Api.class);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private OkHttpClient okHttpClient;
    private String userAgentSuffix;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

    Builder() {}

    Builder copy() {
      Builder copy = new Builder();
      copy.baseUrl = baseUrl;
      copy.baseUrls.putAll(baseUrls);
      copy.credentials = credentials;
      copy.apiCredentials.putAll(apiCredentials);
      copy.retryPolicy = retryPolicy;
      copy.connectTimeout = connectTimeout;
      copy.readTimeout = readTimeout;
      copy.callTimeout = callTimeout;
      copy.okHttpClient = okHttpClient;
      copy.userAgentSuffix = userAgentSuffix;
      copy.clock = clock;
      copy.sleeper = sleeper;
      copy.maxResponseSize = maxResponseSize;
      return copy;
    }

    /**
     * Sets the base URL of every API (for example the sandbox's). Default: each vendor's production
     * host.
     *
     * @throws IllegalArgumentException if not an http or https URL
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = checkUrl(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Sets the base URL of one API, overriding {@link #baseUrl(String)}.
     *
     * @throws IllegalArgumentException if not an http or https URL
     */
    public Builder baseUrl(Api api, String baseUrl) {
      Objects.requireNonNull(api, "api == null");
      baseUrls.put(api, checkUrl(baseUrl, "baseUrl"));
      return this;
    }

    /** Sets the credentials for every call. Default: none (no {@code Authorization} header). */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /**
     * Sets the credentials for the calls to one API, overriding {@link #credentials(Credentials)}
     * for that API. Default: the credentials set for every call, if any.
     */
    public Builder credentials(Api api, Credentials credentials) {
      Objects.requireNonNull(api, "api == null");
      apiCredentials.put(api, Objects.requireNonNull(credentials, "credentials == null"));
      return this;
    }

    /** Sets the retry policy. Default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** Sets the connect timeout. Default 10 s (or the supplied client's own). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /** Sets the read timeout between bytes. Default 30 s (or the supplied client's own). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the timeout of one attempt, from connect to the end of the body. Default 60 s; also
     * applied to a supplied client that has none, so no call can hang forever.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout, "callTimeout");
      return this;
    }

    /**
     * Sets the HTTP client to share connection pools and threads with. It is never closed by this
     * SDK. Timeouts set on this builder are applied on top of its own. Default: a client of the
     * SDK's own, closed by {@link EventSyncClient#close()}.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /**
     * Appends {@code suffix} (for example {@code my-oms/2.1}) to the {@code User-Agent}. Default:
     * none.
     *
     * @throws IllegalArgumentException if blank or not printable ASCII
     */
    public Builder userAgent(String suffix) {
      Objects.requireNonNull(suffix, "suffix == null");
      if (suffix.isBlank() || !suffix.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "userAgent suffix must be non-blank printable ASCII but was \"" + suffix + "\"");
      }
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * Sets the clock for token expiry, {@code Retry-After} dates and lag. Default UTC system clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how to wait between attempts; tests pass one that does not sleep. Default {@link
     * Sleeper#SYSTEM}.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * Sets the largest response body the client reads, in bytes; a larger one (by its declared
     * {@code Content-Length} or by the bytes that arrive) fails the call with a {@link
     * ResponseTooLargeException} as soon as the limit is passed. Applies to every answer, token
     * endpoints' included. Bodies are read whole (so that a body cut short can be retried), so this
     * bounds the memory one call can take. Default {@link #DEFAULT_MAX_RESPONSE_SIZE} (16 MiB).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxResponseSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseSize must be positive but was " + bytes);
      }
      this.maxResponseSize = bytes;
      return this;
    }

    /** Returns the client. */
    public EventSyncClient build() {
      boolean owns = okHttpClient == null;
      OkHttpClient.Builder http = owns ? new OkHttpClient.Builder() : okHttpClient.newBuilder();
      if (owns || connectTimeout != null) {
        http.connectTimeout(orDefault(connectTimeout, DEFAULT_CONNECT_TIMEOUT));
      }
      if (owns || readTimeout != null) {
        http.readTimeout(orDefault(readTimeout, DEFAULT_READ_TIMEOUT));
      }
      if (owns || callTimeout != null || okHttpClient.callTimeoutMillis() == 0) {
        http.callTimeout(
            orDefault(callTimeout, DEFAULT_CALL_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
      }
      // A client derived with newBuilder() shares the pools of the one it came from, which keeps
      // owning them.
      return new EventSyncClient(this, http.build(), owns);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
      return value != null ? value : fallback;
    }

    private static String checkUrl(String url, String name) {
      Objects.requireNonNull(url, name + " == null");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException(
            name + " is not an http or https URL: \"" + Redactor.rawUrl(url) + "\"");
      }
      return url;
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name + " == null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + timeout);
      }
      if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            name + " must be at most " + MAX_TIMEOUT + " but was " + timeout);
      }
      return timeout;
    }
  }
}
