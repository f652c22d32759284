package io.eventsync.poll;

import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import io.eventsync.internal.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Configures a {@link Poller}. Obtain one from the API that owns the stream, for example {@code
 * client.eventQueue().poller(queueCode)}. A cursor store and a handler are required; everything
 * else has a default. Not thread-safe.
 *
 * <pre>{@code
 * Poller poller = client.eventQueue().poller(queueCode)
 *     .cursorStore(CursorStore.file(Path.of("cursors")))
 *     .handler(event -> orders.apply(event))
 *     .build();
 * poller.start();
 * }</pre>
 *
 * @param <E> the event type
 */
public final class PollerBuilder<E> {
  /** Default {@link #idleBackoff}: 1 s. */
  public static final Duration DEFAULT_IDLE_BACKOFF = Duration.ofSeconds(1);

  /** Default first {@link #errorBackoff}: 1 s, doubling up to 1 minute. */
  public static final Duration DEFAULT_ERROR_BACKOFF = Duration.ofSeconds(1);

  /** Default largest {@link #errorBackoff}: 1 minute. */
  public static final Duration DEFAULT_MAX_ERROR_BACKOFF = Duration.ofMinutes(1);

  final EventSource<E> source;
  CursorStore cursorStore;
  EventHandler<? super E> handler;
  BatchHandler<? super E> batchHandler;
  TransactionalHandler<? super E> transactionalHandler;
  Lease lease;
  RetryPolicy retryPolicy = RetryPolicy.defaults();
  FailurePolicy failurePolicy = FailurePolicy.halt();
  CommitEvery commitEvery = CommitEvery.BATCH;
  int concurrency = 1;
  Function<? super E, String> orderingKey;
  Duration idleBackoff = DEFAULT_IDLE_BACKOFF;
  Duration errorBackoff = DEFAULT_ERROR_BACKOFF;
  Duration maxErrorBackoff = DEFAULT_MAX_ERROR_BACKOFF;
  Duration unhealthyAfter;
  PollerListener listener = ListenerCalls.NONE;
  Clock clock;
  Sleeper sleeper;
  ThreadFactory threadFactory;
  Function<? super E, String> staleKey;
  ToLongFunction<? super E> staleVersion;
  VersionStore versionStore = VersionStore.inMemory();

  /**
   * For the SDK's use and for custom sources; APIs hand out builders for their streams.
   *
   * @param source the stream to read
   * @param clock the client's clock
   * @param sleeper the client's sleeper
   */
  public PollerBuilder(EventSource<E> source, Clock clock, Sleeper sleeper) {
    this.source = Objects.requireNonNull(source, "source == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
  }

  /**
   * Sets where checkpoints are kept. Required: there is no default, so no cursor is lost by
   * accident.
   */
  public PollerBuilder<E> cursorStore(CursorStore cursorStore) {
    this.cursorStore = Objects.requireNonNull(cursorStore, "cursorStore == null");
    return this;
  }

  /** Sets the handler called once per event, in order. Required unless a batch handler is set. */
  public PollerBuilder<E> handler(EventHandler<? super E> handler) {
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.batchHandler = null;
    this.transactionalHandler = null;
    return this;
  }

  /**
   * Sets a handler that gets the JDBC connection of the transaction that also commits the
   * checkpoint: its writes and the record of the event happen exactly once. Needs a {@link
   * TransactionalCursorStore} (a {@code JdbcCursorStore}) and concurrency 1; commits per event.
   */
  public PollerBuilder<E> handler(TransactionalHandler<? super E> handler) {
    this.transactionalHandler = Objects.requireNonNull(handler, "handler == null");
    this.handler = null;
    this.batchHandler = null;
    return this;
  }

  /** Sets a handler called once per batch instead of once per event. */
  public PollerBuilder<E> batchHandler(BatchHandler<? super E> batchHandler) {
    this.batchHandler = Objects.requireNonNull(batchHandler, "batchHandler == null");
    this.handler = null;
    this.transactionalHandler = null;
    return this;
  }

  /**
   * Polls only while holding {@code lease} (one active poller across a fleet): a poller without it
   * waits {@code idleBackoff} and tries again; one that loses it stops handing over events at once;
   * commits carry the lease's epoch as a fencing token. The lease is not closed by the poller.
   * Default: none.
   */
  public PollerBuilder<E> lease(Lease lease) {
    this.lease = Objects.requireNonNull(lease, "lease == null");
    return this;
  }

  /**
   * Sets how often and how long apart a failing handler is called again. Its {@link
   * RetryPolicy#maxRetryAfter()} also caps how long the poller honours a server's {@code
   * Retry-After} between failed fetches. Default {@link RetryPolicy#defaults()}.
   */
  public PollerBuilder<E> retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /**
   * Sets what happens once a handler's retries are exhausted. Default {@link FailurePolicy#halt()}.
   */
  public PollerBuilder<E> failurePolicy(FailurePolicy failurePolicy) {
    this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy == null");
    return this;
  }

  /** Sets when the checkpoint is committed. Default {@link CommitEvery#BATCH}. */
  public PollerBuilder<E> commitEvery(CommitEvery commitEvery) {
    this.commitEvery = Objects.requireNonNull(commitEvery, "commitEvery == null");
    return this;
  }

  /**
   * Handles up to {@code threads} events at once, keeping the order of events with the same {@code
   * orderingKey} (for example the order code). A batch is committed only when all of it is done.
   * Default: 1 thread, strict queue order.
   *
   * @throws IllegalArgumentException if {@code threads} is less than 1 or more than 256
   */
  public PollerBuilder<E> concurrency(int threads, Function<? super E, String> orderingKey) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException(
          "concurrency must be between 1 and 256 but was " + threads);
    }
    this.concurrency = threads;
    this.orderingKey = Objects.requireNonNull(orderingKey, "orderingKey == null");
    return this;
  }

  /** Sets the wait after a poll that found nothing new. Default 1 s. */
  public PollerBuilder<E> idleBackoff(Duration idleBackoff) {
    this.idleBackoff = nonNegative(idleBackoff, "idleBackoff");
    return this;
  }

  /**
   * Sets the wait after a failed fetch; it doubles per consecutive failure up to {@code max}. A
   * server's {@code Retry-After} (on a 429 or 503) is waited for when it is longer, up to the retry
   * policy's {@link RetryPolicy#maxRetryAfter()}. Default 1 s up to 1 minute.
   */
  public PollerBuilder<E> errorBackoff(Duration initial, Duration max) {
    this.errorBackoff = nonNegative(initial, "errorBackoff");
    this.maxErrorBackoff = nonNegative(max, "maxErrorBackoff");
    return this;
  }

  /**
   * Reports the poller unhealthy once its fetches have failed without a break for longer than
   * {@code limit}: {@link Poller#health()} says so and {@link PollerListener#unhealthy} is called
   * once per streak of failures. The poller goes on retrying. Default: none (fetch failures alone
   * never make a poller unhealthy; they are still logged at WARN and reported to the listener).
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public PollerBuilder<E> unhealthyAfter(Duration limit) {
    Objects.requireNonNull(limit, "limit == null");
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("unhealthyAfter must be positive but was " + limit);
    }
    this.unhealthyAfter = limit;
    return this;
  }

  /** Sets the listener for metrics and alerts. Default: none. */
  public PollerBuilder<E> listener(PollerListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener == null");
    return this;
  }

  /** Sets the clock for lag and dead-letter times. Default: the client's. */
  public PollerBuilder<E> clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /**
   * Sets how the poller waits (backoffs, idle). Default: the client's sleeper. Not used by a poller
   * in a {@link PollerGroup}, whose timer schedules every wait.
   */
  public PollerBuilder<E> sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    return this;
  }

  /**
   * Sets the factory of the poller's threads. Default: daemon threads named {@code
   * eventsync-poller-<stream>-N}.
   */
  public PollerBuilder<E> threadFactory(ThreadFactory threadFactory) {
    this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory == null");
    return this;
  }

  /**
   * Sets the stale-guard used by {@link Poller#replayDeadLetters()}: a dead letter whose {@code
   * version} is older than the newest processed version of the same {@code key} is skipped.
   */
  public PollerBuilder<E> staleGuard(
      Function<? super E, String> key, ToLongFunction<? super E> version) {
    this.staleKey = Objects.requireNonNull(key, "key == null");
    this.staleVersion = Objects.requireNonNull(version, "version == null");
    return this;
  }

  /**
   * Sets where the stale-guard keeps processed versions. Default {@link VersionStore#inMemory()}.
   */
  public PollerBuilder<E> versionStore(VersionStore versionStore) {
    this.versionStore = Objects.requireNonNull(versionStore, "versionStore == null");
    return this;
  }

  /**
   * Returns the poller, not yet started.
   *
   * @throws IllegalStateException if no cursor store or no handler was set
   */
  public Poller build() {
    validate();
    return new PollerEngine<>(this);
  }

  /** Checks that the settings make a poller, and fills in the defaults that depend on others. */
  void validate() {
    if (cursorStore == null) {
      throw new IllegalStateException(
          "cursorStore is required: CursorStore.file(directory) to survive restarts, or"
              + " CursorStore.inMemory() for a stream that may be read again from the start");
    }
    if (handler == null && batchHandler == null && transactionalHandler == null) {
      throw new IllegalStateException(
          "a handler is required: set handler(...) or batchHandler(...)");
    }
    if (transactionalHandler != null && !(cursorStore instanceof TransactionalCursorStore)) {
      throw new IllegalStateException(
          "a transactional handler needs a TransactionalCursorStore (JdbcCursorStore) but the"
              + " cursor store is "
              + cursorStore);
    }
    if (transactionalHandler != null && concurrency > 1) {
      throw new IllegalStateException(
          "a transactional handler commits per event and needs concurrency 1 but it is "
              + concurrency);
    }
    if (threadFactory == null) {
      threadFactory = DaemonThreads.numbered("eventsync-poller-" + source.stream());
    }
  }

  private static Duration nonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + value);
    }
    return value;
  }
}
