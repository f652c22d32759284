package io.eventsync.spring;

import io.eventsync.micrometer.EventSyncMetrics;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;
import okhttp3.OkHttpClient;

/** Binds the starter's pollers and HTTP client to {@link EventSyncMetrics}. */
final class MicrometerBinding implements PollerObserver, HttpInstrumentation {
  private final EventSyncMetrics metrics;

  MicrometerBinding(EventSyncMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public PollerListener listener() {
    return metrics.listener();
  }

  @Override
  public AutoCloseable bind(String stream, Poller poller) {
    return metrics.bind(stream, poller);
  }

  @Override
  public OkHttpClient.Builder instrument(OkHttpClient.Builder builder) {
    return metrics.instrument(builder);
  }
}
