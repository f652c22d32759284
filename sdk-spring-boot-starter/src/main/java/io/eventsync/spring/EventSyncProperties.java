package io.eventsync.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code eventsync.*} properties: the client, the pollers behind {@link EventSyncListener}
 * methods and the webhook endpoints behind {@link EventSyncWebhookListener} methods. Secrets (the
 * keys {@code token}, {@code password}, {@code client-secret} and {@code secrets}) are masked by
 * Actuator's {@code /env} and {@code /configprops} and never appear in a {@code toString()}, a log
 * line or a startup failure.
 */
@ConfigurationProperties("eventsync")
public class EventSyncProperties {
  /** Whether the starter configures anything at all. */
  private boolean enabled = true;

  /** Base URL of every API (for example the sandbox's); default: each vendor's production host. */
  private String baseUrl;

  /**
   * Base URL per API, overriding {@code base-url}; keys: event-queue, fulfillment, event-log,
   * collector, customer-orders.
   */
  private Map<String, String> baseUrls = new LinkedHashMap<>();

  /** Credentials of every API. */
  private Credentials credentials = new Credentials();

  /**
   * Credentials per API, overriding {@code credentials} for that API; keys as for {@code
   * base-urls}; default: {@code credentials}.
   */
  private Map<String, Credentials> apiCredentials = new LinkedHashMap<>();

  /** Connect timeout; default 10s. */
  private Duration connectTimeout;

  /** Read timeout between bytes; default 30s. */
  private Duration readTimeout;

  /** Timeout of one attempt, from connect to the end of the body; default 60s. */
  private Duration callTimeout;

  /** Retries of the client's calls. */
  private Retry retry = new Retry();

  /** Pollers by stream name, as {@code @EventSyncListener(stream = "<name>")} names them. */
  private Map<String, Poller> pollers = new LinkedHashMap<>();

  /** Webhook endpoints by name, as {@code @EventSyncWebhookListener(endpoint = "<name>")}. */
  private Map<String, Webhook> webhooks = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Map<String, String> getBaseUrls() {
    return baseUrls;
  }

  public void setBaseUrls(Map<String, String> baseUrls) {
    this.baseUrls = baseUrls;
  }

  public Credentials getCredentials() {
    return credentials;
  }

  public void setCredentials(Credentials credentials) {
    this.credentials = credentials;
  }

  public Map<String, Credentials> getApiCredentials() {
    return apiCredentials;
  }

  public void setApiCredentials(Map<String, Credentials> apiCredentials) {
    this.apiCredentials = apiCredentials;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public Retry getRetry() {
    return retry;
  }

  public void setRetry(Retry retry) {
    this.retry = retry;
  }

  public Map<String, Poller> getPollers() {
    return pollers;
  }

  public void setPollers(Map<String, Poller> pollers) {
    this.pollers = pollers;
  }

  public Map<String, Webhook> getWebhooks() {
    return webhooks;
  }

  public void setWebhooks(Map<String, Webhook> webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public String toString() {
    return "EventSyncProperties{baseUrl="
        + baseUrl
        + ", baseUrls="
        + baseUrls
        + ", pollers="
        + pollers.keySet()
        + ", webhooks="
        + webhooks.keySet()
        + "}";
  }

  /**
   * How the client authenticates: a bearer {@code token}, HTTP basic ({@code username} and {@code
   * password}) or an OAuth 2.0 client credentials grant ({@code client-id}, {@code client-secret}
   * and {@code token-url}).
   */
  public static class Credentials {
    /** Bearer token. */
    private String token;

    /** HTTP basic user name. */
    private String username;

    /** HTTP basic password. */
    private String password;

    /** OAuth 2.0 client id. */
    private String clientId;

    /** OAuth 2.0 client secret. */
    private String clientSecret;

    /** OAuth 2.0 token endpoint. */
    private String tokenUrl;

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public String getTokenUrl() {
      return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
      this.tokenUrl = tokenUrl;
    }

    @Override
    public String toString() {
      return "Credentials{redacted}";
    }
  }

  /** Retries of failed calls (the client's) or failed handler calls (a poller's). */
  public static class Retry {
    /** Attempts in all, the first included; default 4. */
    private Integer maxAttempts;

    /** Wait before the first retry, doubled after each; default 500ms. */
    private Duration initialBackoff;

    /** Longest wait between attempts; default 30s. */
    private Duration maxBackoff;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** Where a poller reads from. */
  public enum Source {
    /** The Tiki event queue ({@code queue-code}); listener methods take {@code QueueEvent}. */
    QUEUE,
    /** The Puro.earth events log; listener methods take {@code LogEvent}. */
    EVENTLOG
  }

  /** Where a poller keeps its checkpoint. */
  public enum CursorStoreType {
    /** In memory: lost on restart (tests, demos). */
    MEMORY,
    /** A file per stream in {@code cursor-directory}. */
    FILE,
    /**
     * A table in the application's DataSource; the listener runs in the transaction that commits
     * the checkpoint (its JdbcTemplate writes and the checkpoint commit together).
     */
    JDBC
  }

  /** What a poller does with an event its handler keeps failing on. */
  public enum FailurePolicyType {
    /** Halt the poller; the cursor stays before the event. */
    HALT,
    /** Store the event in the dead-letter sink and go on. */
    DEAD_LETTER
  }

  /** Where dead letters go. */
  public enum DeadLetterSinkType {
    /** In memory: lost on restart. */
    MEMORY,
    /** A JSON-lines file ({@code dead-letter-file}). */
    FILE
  }

  /** Which part of an event keeps events in order when handled concurrently. */
  public enum OrderingKey {
    /** The seller ({@code QueueEvent.sid}); events log rows: their type. */
    SELLER,
    /** The event type. */
    TYPE,
    /** None: every event on its own (no order kept). */
    EVENT
  }

  /** One poller, started for the {@link EventSyncListener} method of its stream. */
  public static class Poller {
    /** Where the poller reads from. */
    private Source source = Source.QUEUE;

    /** The Tiki queue's code (source queue). */
    private String queueCode;

    /** Where the checkpoint is kept; required. */
    private CursorStoreType cursorStore;

    /** Directory of the checkpoint files (cursor-store file). */
    private Path cursorDirectory;

    /** When the checkpoint is committed: after each batch or after each event. */
    private io.eventsync.poll.CommitEvery commitEvery = io.eventsync.poll.CommitEvery.BATCH;

    /** Handler threads; 1 handles in order. */
    private int concurrency = 1;

    /** What keeps events in order when concurrency is above 1. */
    private OrderingKey orderingKey = OrderingKey.SELLER;

    /** What to do with an event the handler keeps failing on. */
    private FailurePolicyType failurePolicy = FailurePolicyType.HALT;

    /** Where dead letters go (failure-policy dead-letter). */
    private DeadLetterSinkType deadLetterSink = DeadLetterSinkType.MEMORY;

    /** The dead-letter file (dead-letter-sink file). */
    private Path deadLetterFile;

    /** Handler retries before the failure policy applies. */
    private Retry retry = new Retry();

    /** Wait after an empty batch; default 1s. */
    private Duration idleBackoff;

    /** Fetches failing for longer than this make the poller unhealthy; default: the SDK's. */
    private Duration unhealthyAfter;

    /**
     * With cursor-store jdbc: poll only while holding a lease of this time to live in the same
     * DataSource (one active poller across a fleet; commits are fenced). Default: no lease.
     */
    private Duration leaseTtl;

    public Duration getLeaseTtl() {
      return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
      this.leaseTtl = leaseTtl;
    }

    public Source getSource() {
      return source;
    }

    public void setSource(Source source) {
      this.source = source;
    }

    public String getQueueCode() {
      return queueCode;
    }

    public void setQueueCode(String queueCode) {
      this.queueCode = queueCode;
    }

    public CursorStoreType getCursorStore() {
      return cursorStore;
    }

    public void setCursorStore(CursorStoreType cursorStore) {
      this.cursorStore = cursorStore;
    }

    public Path getCursorDirectory() {
      return cursorDirectory;
    }

    public void setCursorDirectory(Path cursorDirectory) {
      this.cursorDirectory = cursorDirectory;
    }

    public io.eventsync.poll.CommitEvery getCommitEvery() {
      return commitEvery;
    }

    public void setCommitEvery(io.eventsync.poll.CommitEvery commitEvery) {
      this.commitEvery = commitEvery;
    }

    public int getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(int concurrency) {
      this.concurrency = concurrency;
    }

    public OrderingKey getOrderingKey() {
      return orderingKey;
    }

    public void setOrderingKey(OrderingKey orderingKey) {
      this.orderingKey = orderingKey;
    }

    public FailurePolicyType getFailurePolicy() {
      return failurePolicy;
    }

    public void setFailurePolicy(FailurePolicyType failurePolicy) {
      this.failurePolicy = failurePolicy;
    }

    public DeadLetterSinkType getDeadLetterSink() {
      return deadLetterSink;
    }

    public void setDeadLetterSink(DeadLetterSinkType deadLetterSink) {
      this.deadLetterSink = deadLetterSink;
    }

    public Path getDeadLetterFile() {
      return deadLetterFile;
    }

    public void setDeadLetterFile(Path deadLetterFile) {
      this.deadLetterFile = deadLetterFile;
    }

    public Retry getRetry() {
      return retry;
    }

    public void setRetry(Retry retry) {
      this.retry = retry;
    }

    public Duration getIdleBackoff() {
      return idleBackoff;
    }

    public void setIdleBackoff(Duration idleBackoff) {
      this.idleBackoff = idleBackoff;
    }

    public Duration getUnhealthyAfter() {
      return unhealthyAfter;
    }

    public void setUnhealthyAfter(Duration unhealthyAfter) {
      this.unhealthyAfter = unhealthyAfter;
    }
  }

  /** A signature scheme of webhook senders. */
  public enum Scheme {
    /** TikiNOW's. */
    TIKINOW,
    /** Hii Retail's. */
    HII_RETAIL,
    /** Standard Webhooks. */
    STANDARD_WEBHOOKS
  }

  /** One webhook endpoint, mounted as a servlet at its path. */
  public static class Webhook {
    /** Servlet path, for example /webhooks/tikinow. */
    private String path;

    /** How senders sign. */
    private Scheme scheme = Scheme.TIKINOW;

    /** Secrets by key id (several during a rotation), 32 characters each. */
    private Map<String, String> secrets = new LinkedHashMap<>();

    /** Largest body accepted, in bytes; default 1 MiB. */
    private Integer maxBodyBytes;

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public Scheme getScheme() {
      return scheme;
    }

    public void setScheme(Scheme scheme) {
      this.scheme = scheme;
    }

    public Map<String, String> getSecrets() {
      return secrets;
    }

    public void setSecrets(Map<String, String> secrets) {
      this.secrets = secrets;
    }

    public Integer getMaxBodyBytes() {
      return maxBodyBytes;
    }

    public void setMaxBodyBytes(Integer maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String toString() {
      return "Webhook{path=" + path + ", scheme=" + scheme + ", secrets=" + secrets.keySet() + "}";
    }
  }
}
