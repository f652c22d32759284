package io.eventsync.micrometer;

import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;
import io.eventsync.poll.PollerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpMetricsEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Micrometer meters for eventsync: a {@link PollerListener} that counts and times what pollers do,
 * gauges of a poller's state and health, and the HTTP client's calls through Micrometer's own
 * OkHttp binder. Meters are tagged by {@code stream} (the poller's stream name); the HTTP meter by
 * the endpoint's URI template, never by a raw path. Nothing recorded carries a token, a secret, an
 * event's payload or an error's message.
 *
 * <pre>{@code
 * EventSyncMetrics metrics = EventSyncMetrics.builder(registry).build();
 * OkHttpClient http = metrics.instrument(new OkHttpClient.Builder()).build();
 * EventSyncClient client = EventSyncClient.builder().okHttpClient(http)...build();
 * Poller poller = client.eventQueue().poller("orders").listener(metrics.listener())...build();
 * EventSyncMetrics.Binding binding = metrics.bind("orders", poller);
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance serves any number of pollers and clients.
 */
public final class EventSyncMetrics {
  /** Counter of events a poller is done with, tagged {@code outcome}. */
  public static final String EVENTS = "eventsync.poller.events";

  /** Timer of the handler's time per event. */
  public static final String HANDLER_TIME = "eventsync.poller.handler";

  /** Counter of handler calls that failed and were retried. */
  public static final String RETRIES = "eventsync.poller.retries";

  /** Counter of halts. */
  public static final String HALTS = "eventsync.poller.halts";

  /** Timer of checkpoint commits. */
  public static final String COMMIT_TIME = "eventsync.poller.commit";

  /** Counter of fetches that failed after the client's retries. */
  public static final String FETCH_FAILURES = "eventsync.poller.fetch.failures";

  /** Timer from an event's creation to the end of its handling. */
  public static final String LAG = "eventsync.poller.lag";

  /** Counter of events stored in the dead-letter sink. */
  public static final String DEAD_LETTERS = "eventsync.poller.dead.letters";

  /** Counter of rows a source could not deliver (for example an events log row without time). */
  public static final String UNREACHABLE = "eventsync.poller.unreachable";

  /** Gauge per {@code state} tag: 1 for the poller's current state, 0 for the others. */
  public static final String STATE = "eventsync.poller.state";

  /** Gauge: 1 while {@link Poller#health()} says healthy, else 0. */
  public static final String HEALTHY = "eventsync.poller.healthy";

  /** Default name of the HTTP client's timer (Micrometer's OkHttp binder). */
  public static final String DEFAULT_HTTP_METRIC_NAME = "eventsync.http.client.requests";

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final String httpMetricName;
  private final PollerMeters listener;

  private EventSyncMetrics(Builder builder) {
    this.registry = builder.registry;
    this.commonTags = builder.commonTags;
    this.httpMetricName = builder.httpMetricName;
    this.listener =
        new PollerMeters(
            registry, commonTags, builder.lagPercentiles.clone(), builder.lagHistogram);
  }

  /** Returns a builder recording into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /**
   * Returns the listener to give to {@code PollerBuilder.listener(...)}; it records the meters of
   * every stream it is told about, tagged by that stream.
   */
  public PollerListener listener() {
    return listener;
  }

  /**
   * Registers the gauges {@link #STATE} and {@link #HEALTHY} of {@code poller}, tagged {@code
   * stream}. The registry holds the poller until the returned binding is closed, which removes the
   * gauges.
   */
  public Binding bind(String stream, Poller poller) {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(poller, "poller == null");
    Tags tags = commonTags.and("stream", stream);
    List<Meter> meters = new ArrayList<>();
    for (PollerState state : PollerState.values()) {
      meters.add(
          Gauge.builder(STATE, poller, p -> p.state() == state ? 1 : 0)
              .description("1 for the poller's current state, 0 for the others")
              .tags(tags.and("state", state.name()))
              .strongReference(true)
              .register(registry));
    }
    meters.add(
        Gauge.builder(HEALTHY, poller, p -> p.health().healthy() ? 1 : 0)
            .description("1 while the poller is healthy (not halted, fetches working), else 0")
            .tags(tags)
            .strongReference(true)
            .register(registry));
    return () -> meters.forEach(registry::remove);
  }

  /**
   * Times every call of clients built from {@code builder} with Micrometer's {@link
   * OkHttpMetricsEventListener}, as the timer {@link Builder#httpMetricName(String)} tagged with
   * the endpoint's URI template ({@code uri}, for example {@code
   * /integration/v1/queues/{queueCode}/events/pull}), method, status, outcome and host. Replaces
   * the builder's event listener. Pass the built client to {@code
   * EventSyncClient.builder().okHttpClient(...)}.
   *
   * @return {@code builder}
   */
  public OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
    Objects.requireNonNull(builder, "builder == null");
    return builder.eventListener(
        OkHttpMetricsEventListener.builder(registry, httpMetricName)
            .uriMapper(request -> UriTemplates.of(request.url()))
            .tags(commonTags)
            .build());
  }

  /** Gauges registered by {@link #bind}; closing removes them. */
  public interface Binding extends AutoCloseable {
    /** Removes the gauges from the registry. */
    @Override
    void close();
  }

  /** Builds {@link EventSyncMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags commonTags = Tags.empty();
    private double[] lagPercentiles = new double[0];
    private boolean lagHistogram;
    private String httpMetricName = DEFAULT_HTTP_METRIC_NAME;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry == null");
    }

    /** Adds {@code key=value} to every meter. Default: no common tags. */
    public Builder tag(String key, String value) {
      commonTags = commonTags.and(Tag.of(key, value));
      return this;
    }

    /**
     * Publishes these percentiles of {@link #LAG} (for example 0.5, 0.99), computed in this
     * process. Default: none.
     *
     * @throws IllegalArgumentException if one is not between 0 and 1
     */
    public Builder lagPercentiles(double... percentiles) {
      for (double p : percentiles) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "lag percentiles must be between 0 and 1 (0.99 for the 99th) but one was " + p);
        }
      }
      this.lagPercentiles = percentiles.clone();
      return this;
    }

    /**
     * Publishes a histogram of {@link #LAG} for percentiles aggregated by the backend. Default off.
     */
    public Builder lagHistogram(boolean enabled) {
      this.lagHistogram = enabled;
      return this;
    }

    /** Sets the HTTP client's timer name. Default {@link #DEFAULT_HTTP_METRIC_NAME}. */
    public Builder httpMetricName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("httpMetricName must be a non-blank meter name");
      }
      this.httpMetricName = name;
      return this;
    }

    /** Returns the meters' factory. */
    public EventSyncMetrics build() {
      return new EventSyncMetrics(this);
    }
  }
}
