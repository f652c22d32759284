package io.eventsync.poll;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many pollers on one bounded set of threads: a hub with a stream per seller or per tenant.
 *
 * <pre>{@code
 * try (PollerGroup group = PollerGroup.builder().threads(16).listener(metrics).build()) {
 *   for (Seller seller : sellers.connected()) {
 *     group.add(client.withCredentials(seller.credentials())
 *         .eventQueue().poller(seller.queueCode())
 *         .cursorStore(cursors)
 *         .handler(event -> orders.apply(seller, event)));
 *   }
 *   ...                                   // group.add(...) and group.remove(queueCode) at run time
 * }                                       // close(): every stream closed, each one's report
 * }</pre>
 *
 * <p>Each stream keeps exactly the guarantees of a lone {@link Poller}: order, duplicates skipped
 * through the checkpoint, halt, dead letters, fencing, its own close report. What changes is who
 * runs it. A poller's turn is one batch (fetch, hand over, commit) on one of the group's worker
 * threads; after it, a stream with more to fetch goes to the back of the line, so streams take
 * turns and a busy one cannot starve the others. No poller sleeps on a worker: its idle backoff,
 * its error backoff and a failing handler's retry backoff are waits on the group's one timer
 * thread, after which the stream queues for a worker again (a retry goes on with the same batch,
 * without fetching it again). A handler that blocks occupies one worker; the group's size bounds
 * how many handlers and fetches run at once, so a slow stream slows only itself as long as fewer
 * streams are stuck than there are workers. A stream that halts stops alone; the others go on.
 *
 * <p>In a group a poller handles one event at a time ({@link PollerBuilder#concurrency} must stay
 * 1), commits on its turn's thread (no committer thread of its own), and does not use its {@link
 * io.eventsync.Sleeper}. Thread-safe.
 */
public final class PollerGroup implements AutoCloseable {
  /** Default {@link Builder#threads}: {@value}. */
  public static final int DEFAULT_THREADS = 16;

  private static final Logger log = LoggerFactory.getLogger(PollerGroup.class);

  private final String name;
  private final @Nullable PollerListener listener;
  private final GroupThreads threads;
  private final Map<String, PollerEngine<?>> pollers = new ConcurrentHashMap<>();
  private final Object lock = new Object(); // orders add, remove and close
  private boolean closed;

  private PollerGroup(Builder b) {
    this.name = b.name;
    this.listener = b.listener;
    this.threads = new GroupThreads("eventsync-group-" + b.name, b.threads);
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the stream's poller from {@code poller} and starts it on the group's threads. The
   * group's listener, if any, hears it too (after the builder's own listener). The returned poller
   * is running; use it for {@link Poller#state()}, {@link Poller#health()} or {@link
   * Poller#checkpoint()}, or remove it with {@link #remove(String)}.
   *
   * @throws IllegalArgumentException if the group has a poller of this stream already, or the
   *     builder asks for concurrency above 1
   * @throws IllegalStateException if the group is closed, or the builder lacks a cursor store or
   *     handler
   * @throws CursorStoreException if the stream's file cursor is held by another poller
   */
  public Poller add(PollerBuilder<?> poller) {
    Objects.requireNonNull(poller, "poller == null");
    String stream = poller.source.stream();
    if (poller.concurrency > 1) {
      throw new IllegalArgumentException(
          "stream \""
              + stream
              + "\" asks for concurrency "
              + poller.concurrency
              + " but a poller in a PollerGroup handles one event at a time; drop concurrency(...)"
              + " or run this stream as a lone Poller");
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(
            "poller group " + name + " is closed; cannot add stream \"" + stream + "\"");
      }
      if (pollers.containsKey(stream)) {
        throw new IllegalArgumentException(
            "poller group "
                + name
                + " already runs stream \""
                + stream
                + "\"; remove it first to replace it");
      }
      PollerEngine<?> engine = build(poller);
      pollers.put(stream, engine);
      try {
        engine.start();
      } catch (RuntimeException e) {
        pollers.remove(stream, engine);
        throw e;
      }
      log.debug("poller group {} runs stream {} ({} streams)", name, stream, pollers.size());
      return engine;
    }
  }

  /**
   * Closes the stream's poller (see {@link Poller#close(Duration)}, with {@link
   * Poller#DEFAULT_CLOSE_TIMEOUT}) and removes it from the group.
   *
   * @return true if the group ran the stream; false if it did not (nothing happens)
   */
  public boolean remove(String stream) {
    Objects.requireNonNull(stream, "stream == null");
    PollerEngine<?> engine;
    synchronized (lock) {
      engine = pollers.remove(stream);
    }
    if (engine == null) {
      return false;
    }
    CloseReport report = engine.close(Poller.DEFAULT_CLOSE_TIMEOUT);
    log.debug("poller group {} removed stream {}: {}", name, stream, report);
    return true;
  }

  /** Returns the poller of {@code stream}, or null if the group does not run it. */
  public @Nullable Poller poller(String stream) {
    return pollers.get(Objects.requireNonNull(stream, "stream == null"));
  }

  /** Returns the streams the group runs now (halted ones included, until removed). */
  public Set<String> streams() {
    return Set.copyOf(pollers.keySet());
  }

  /** Returns the group's name, as used in its thread names. */
  public String name() {
    return name;
  }

  /**
   * Closes every poller at once (each stops fetching, finishes its event in flight and commits),
   * waits at most {@code timeout} in all, then ends the group's threads. Idempotent.
   *
   * @return each stream's close report, by stream, in the order the streams were added
   */
  public Map<String, CloseReport> close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, PollerEngine<?>> closing;
    synchronized (lock) {
      closed = true;
      closing = new LinkedHashMap<>(pollers);
      pollers.clear();
    }
    closing.values().forEach(PollerEngine::stop); // all wind down together
    Map<String, CloseReport> reports = new LinkedHashMap<>();
    closing.forEach(
        (stream, engine) ->
            reports.put(stream, engine.close(Duration.ofNanos(deadline - System.nanoTime()))));
    if (!threads.shutdown(deadline)) {
      log.warn("poller group {}: threads still busy after {}; left behind", name, timeout);
    }
    log.debug("poller group {} closed ({} streams)", name, reports.size());
    return reports;
  }

  /** Closes with {@link Poller#DEFAULT_CLOSE_TIMEOUT}; see {@link #close(Duration)}. */
  @Override
  public void close() {
    close(Poller.DEFAULT_CLOSE_TIMEOUT);
  }

  @Override
  public String toString() {
    return "PollerGroup(" + name + ", " + pollers.size() + " streams)";
  }

  private <E> PollerEngine<E> build(PollerBuilder<E> poller) {
    poller.validate();
    PollerListener heard = poller.listener;
    if (listener != null) {
      heard = heard == ListenerCalls.NONE ? listener : new BothListeners(heard, listener);
    }
    return new PollerEngine<>(poller, threads, heard);
  }

  /** Configures a {@link PollerGroup}. Not thread-safe. */
  public static final class Builder {
    private String name = "pollers";
    private int threads = DEFAULT_THREADS;
    private @Nullable PollerListener listener;

    private Builder() {}

    /**
     * Sets how many pollers may fetch or run a handler at once: the group's worker threads (made as
     * needed, ended when idle for 30 s). Default {@value #DEFAULT_THREADS}.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1 or more than 1,024
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be between 1 and 1024 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the name in the group's thread names, {@code eventsync-group-<name>-N} and {@code
     * eventsync-group-<name>-timer}. Default {@code pollers}.
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /** Sets a listener that hears every stream of the group. Default: none. */
    public Builder listener(PollerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Returns the group, with no stream yet and no thread started. */
    public PollerGroup build() {
      return new PollerGroup(this);
    }
  }
}
