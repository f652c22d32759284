package io.eventsync.spring;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * The pollers of the application's {@link EventSyncListener} methods: built (and checked) once
 * every singleton exists, started after the context is refreshed, and closed gracefully when it
 * stops, within {@code spring.lifecycle.timeout-per-shutdown-phase}, committing what was handled.
 */
public final class EventSyncPollers
    implements SmartInitializingSingleton, SmartLifecycle, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(EventSyncPollers.class);

  private final EventSyncClient client;
  private final EventSyncProperties properties;
  private final ListenerMethods methods;
  private final List<PollerObserver> observers;
  private final Duration stopTimeout;
  private final Supplier<DataSource> dataSource;
  private final Map<String, Poller> pollers = new LinkedHashMap<>();
  private final Map<String, Progress> progress = new LinkedHashMap<>();
  private final List<AutoCloseable> bindings = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>(); // leases, closed after pollers
  private volatile boolean running;

  EventSyncPollers(
      EventSyncClient client,
      EventSyncProperties properties,
      ListenerMethods methods,
      List<PollerObserver> observers,
      Duration stopTimeout,
      Supplier<DataSource> dataSource) {
    this.dataSource = dataSource;
    this.client = client;
    this.properties = properties;
    this.methods = methods;
    this.observers = List.copyOf(observers);
    this.stopTimeout = stopTimeout;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Map<String, ListenerMethods.Target> byStream = new LinkedHashMap<>();
    for (ListenerMethods.Target target : methods.pollerTargets()) {
      String stream = target.name();
      if (!properties.getPollers().containsKey(stream)) {
        throw new EventSyncConfigurationException(
            "@EventSyncListener(stream = \"" + stream + "\") on " + target.describe(),
            "names a stream that no eventsync.pollers." + stream + " property configures",
            properties.getPollers().isEmpty()
                ? "configure it, for example eventsync.pollers."
                    + stream
                    + ".queue-code=... and eventsync.pollers."
                    + stream
                    + ".cursor-store=file"
                : "use one of the configured streams "
                    + properties.getPollers().keySet()
                    + " or configure eventsync.pollers."
                    + stream);
      }
      ListenerMethods.Target other = byStream.put(stream, target);
      if (other != null) {
        throw new EventSyncConfigurationException(
            "@EventSyncListener(stream = \"" + stream + "\")",
            "is on two methods, " + other.describe() + " and " + target.describe(),
            "keep one listener method per stream");
      }
    }
    for (String stream : properties.getPollers().keySet()) {
      if (!byStream.containsKey(stream)) {
        log.warn(
            "eventsync.pollers.{} is configured but no @EventSyncListener(stream = \"{}\") method"
                + " exists; that poller is not started",
            stream,
            stream);
      }
    }
    byStream.forEach(
        (stream, target) -> {
          Progress p = new Progress();
          List<PollerListener> listeners = new ArrayList<>();
          listeners.add(p);
          observers.forEach(o -> listeners.add(o.listener()));
          Poller poller =
              PollerFactory.create(
                  client,
                  stream,
                  properties.getPollers().get(stream),
                  target,
                  new StreamListener(stream, listeners),
                  dataSource,
                  resources);
          pollers.put(stream, poller);
          progress.put(stream, p);
          observers.forEach(o -> bindings.add(o.bind(stream, poller)));
        });
  }

  /** The pollers by stream name. */
  public Map<String, Poller> pollers() {
    return Collections.unmodifiableMap(pollers);
  }

  /** When the stream's last checkpoint was committed, or null if none was yet. */
  public Instant lastCommit(String stream) {
    Progress p = progress.get(stream);
    return p == null ? null : p.lastCommit;
  }

  /** The lag of the stream's last handled event, or null if none was handled yet. */
  public Duration lastLag(String stream) {
    Progress p = progress.get(stream);
    return p == null ? null : p.lastLag;
  }

  @Override
  public void start() {
    pollers.forEach(
        (stream, poller) -> {
          log.debug("starting the poller of stream {}", stream);
          poller.start();
        });
    running = true;
  }

  @Override
  public void stop() {
    closeAll();
  }

  @Override
  public void stop(Runnable callback) {
    try {
      closeAll();
    } finally {
      callback.run();
    }
  }

  private void closeAll() {
    running = false;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    pollers.forEach(
        (stream, poller) ->
            closing.add(
                CompletableFuture.runAsync(
                    () -> {
                      var report = poller.close(stopTimeout);
                      if (!report.clean()) {
                        log.warn(
                            "the poller of stream {} did not stop cleanly within {}: {}",
                            stream,
                            stopTimeout,
                            report);
                      }
                    })));
    closing.forEach(CompletableFuture::join);
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.debug("closing {} failed", closeable, e);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void destroy() {
    closeAll(bindings);
    pollers.values().forEach(p -> p.close(stopTimeout)); // no-op for closed ones
    closeAll(resources);
  }

  /** Records what the health details show. */
  private static final class Progress implements PollerListener {
    volatile Instant lastCommit;
    volatile Duration lastLag;

    @Override
    public void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
      lastCommit = Instant.now();
    }

    @Override
    public void eventHandled(String stream, String eventId, Duration lag, Duration handlerTime) {
      if (lag != null) {
        lastLag = lag;
      }
    }
  }
}
