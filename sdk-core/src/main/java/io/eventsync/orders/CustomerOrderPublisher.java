package io.eventsync.orders;

import io.eventsync.EventSyncException;
import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import io.eventsync.internal.HttpCore;
import io.eventsync.internal.Json;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.DeadLetterSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends many customer orders, for a migration or an ongoing sync: with bounded concurrency, while
 * the updates of one order (same business unit and order id) are sent one at a time in input order;
 * with retries; reporting progress to a {@link PublishListener}; handing orders that still fail to
 * a {@link DeadLetterSink} instead of dropping them; and resuming after a crash without resending
 * what was confirmed.
 *
 * <pre>{@code
 * PublishStats stats = client.customerOrders().publisher()
 *     .concurrency(8)
 *     .cursorStore(CursorStore.file(Path.of("state")))
 *     .deadLetterSink(DeadLetterSink.file(Path.of("state/orders.dlq")))
 *     .listener(s -> log.info("{} sent, {} failed, {}/s", s.sent(), s.failed(), s.perSecond()))
 *     .build()
 *     .publish(orders.stream().map(o -> CustomerOrderUpdate.of("store-1", o, o.version())));
 * }</pre>
 *
 * <p><strong>Retries.</strong> Every PUT is retried by the client's {@link RetryPolicy}; an order
 * that still fails with a transient error (connection, 5xx, 429, a body cut short) is tried again,
 * up to {@link #maxAttempts()} rounds with backoff. An order that is invalid or refused (4xx), or
 * answered with well-formed JSON of the wrong shape, is not retried. HTTP 401 and 403 stop the run
 * ({@link PublishHaltedException}): every order would fail alike.
 *
 * <p><strong>Dead letters.</strong> An order that still fails goes to the sink with its error
 * (event id {@code businessUnitId/customerOrderId@version}, type {@code customerOrder}, the {@link
 * CustomerOrderUpdate} as JSON) and the run goes on: later updates of the same order are still
 * sent, and Hii Retail's stale-guard ignores a replayed older one ({@link #replayDeadLetters()}).
 * Without a sink the run stops with {@link PublishHaltedException}.
 *
 * <p><strong>Resume.</strong> The checkpoint, stored under {@link #stream()} in the {@link
 * CursorStore}, records which places of the input are confirmed (accepted or dead-lettered); it is
 * committed after every {@code commitEvery} confirmations and when the run stops. A run that stops
 * (crash, halt) is resumed by a new run given <em>the same input in the same order</em>: confirmed
 * orders are skipped. An order accepted but not yet committed when the process died is sent again,
 * which the idempotent PUT makes harmless. A run that reaches the end of its input clears the
 * checkpoint, so the next run starts at its input's first order.
 *
 * <p>Immutable; {@link #publish} may be called again once a run has returned. Two runs on one
 * stream at the same time fail with {@link io.eventsync.poll.CheckpointConflictException}.
 */
public final class CustomerOrderPublisher {
  private static final Logger log = LoggerFactory.getLogger(CustomerOrderPublisher.class);

  /** Default {@link Builder#concurrency(int)}: 4. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Default {@link Builder#maxAttempts(int)}: 3. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default {@link Builder#commitEvery(int)}: 1 (after every confirmation). */
  public static final int DEFAULT_COMMIT_EVERY = 1;

  /** Default {@link Builder#progressInterval(Duration)}: 1 s. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

  /** Default {@link Builder#stream(String)}: {@value}. */
  public static final String DEFAULT_STREAM = "hii-customer-orders";

  private final CustomerOrdersApi api;
  private final HttpCore core;
  private final int concurrency;
  private final int maxAttempts;
  private final int commitEvery;
  private final Duration progressInterval;
  private final String stream;
  private final CursorStore cursorStore;
  private final DeadLetterSink deadLetters;
  private final PublishListener listener;

  private CustomerOrderPublisher(Builder builder) {
    this.api = builder.api;
    this.core = builder.core;
    this.concurrency = builder.concurrency;
    this.maxAttempts = builder.maxAttempts;
    this.commitEvery = builder.commitEvery;
    this.progressInterval = builder.progressInterval;
    this.stream = builder.stream;
    this.cursorStore = builder.cursorStore;
    this.deadLetters = builder.deadLetters;
    this.listener = builder.listener;
  }

  /**
   * Sends every update of {@code updates} and returns the counts. The caller closes the stream.
   *
   * @throws PublishHaltedException if the run stopped before the end (see the class description)
   * @throws io.eventsync.poll.CursorStoreException if the checkpoint cannot be read
   */
  public PublishStats publish(Stream<CustomerOrderUpdate> updates) {
    Objects.requireNonNull(updates, "updates == null");
    return publish(updates.iterator());
  }

  /**
   * Sends every update of {@code updates}, reading ahead at most a bounded number, and returns the
   * counts.
   *
   * @throws PublishHaltedException if the run stopped before the end (see the class description)
   * @throws io.eventsync.poll.CursorStoreException if the checkpoint cannot be read
   */
  public PublishStats publish(Iterator<CustomerOrderUpdate> updates) {
    Objects.requireNonNull(updates, "updates == null");
    PublishProgress progress =
        new PublishProgress(cursorStore, stream, commitEvery, listener, progressInterval);
    return new PublishRun(this, progress).run(updates);
  }

  /**
   * Sends the dead letters of this publisher's {@link #stream()} again, oldest first, one at a
   * time, with their versions (so Hii Retail's stale-guard ignores those that newer updates have
   * superseded), and removes from the sink those that are now accepted. The checkpoint is not
   * touched.
   *
   * @return {@code sent}: replayed and removed; {@code failed}: still failing, kept in the sink
   * @throws IllegalStateException if no dead-letter sink is set
   * @throws UnsupportedOperationException if the sink cannot be read back
   */
  public PublishStats replayDeadLetters() {
    if (deadLetters == null) {
      throw new IllegalStateException("no dead-letter sink is set; see Builder.deadLetterSink");
    }
    long start = System.nanoTime();
    List<String> replayed = new ArrayList<>();
    long failed = 0;
    for (DeadLetter letter : deadLetters.pending()) {
      if (!letter.stream().equals(stream)) {
        continue;
      }
      try {
        api.put(Json.decode(Adapters.UPDATE, letter.eventJson(), "dead-lettered order"));
        replayed.add(letter.eventId());
      } catch (EventSyncException | IllegalArgumentException e) {
        failed++;
        log.debug("dead letter {} still fails: {}", letter.eventId(), e.toString());
      }
    }
    if (!replayed.isEmpty()) {
      deadLetters.remove(stream, replayed);
    }
    return new PublishStats(
        replayed.size(), failed, 0, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Returns the checkpoint's stream name. */
  public String stream() {
    return stream;
  }

  /** Returns how many orders are sent at the same time, at most. */
  public int concurrency() {
    return concurrency;
  }

  /** Returns how many rounds of attempts an order gets, each with the client's retries. */
  public int maxAttempts() {
    return maxAttempts;
  }

  CustomerOrdersApi api() {
    return api;
  }

  DeadLetterSink deadLetters() {
    return deadLetters;
  }

  Sleeper sleeper() {
    return core.sleeper();
  }

  RetryPolicy retryPolicy() {
    return core.retryPolicy();
  }

  Clock clock() {
    return core.clock();
  }

  /** Builds a {@link CustomerOrderPublisher}. Not thread-safe. */
  public static final class Builder {
    private final CustomerOrdersApi api;
    private final HttpCore core;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int commitEvery = DEFAULT_COMMIT_EVERY;
    private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
    private String stream = DEFAULT_STREAM;
    private CursorStore cursorStore;
    private DeadLetterSink deadLetters;
    private PublishListener listener;

    Builder(CustomerOrdersApi api, HttpCore core) {
      this.api = api;
      this.core = core;
    }

    /**
     * Sets how many orders are sent at the same time, at most. Default {@value
     * CustomerOrderPublisher#DEFAULT_CONCURRENCY}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = atLeastOne(concurrency, "concurrency");
      return this;
    }

    /**
     * Sets how many rounds of attempts an order that fails transiently gets. Default {@value
     * CustomerOrderPublisher#DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
      return this;
    }

    /**
     * Sets after how many confirmed orders the checkpoint is committed; more is faster, but a crash
     * resends up to that many orders. Default {@value CustomerOrderPublisher#DEFAULT_COMMIT_EVERY}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder commitEvery(int commitEvery) {
      this.commitEvery = atLeastOne(commitEvery, "commitEvery");
      return this;
    }

    /**
     * Sets how often the listener hears of progress while orders complete. Default 1 s.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder progressInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative()) {
        throw new IllegalArgumentException(
            "progressInterval must not be negative but was " + interval);
      }
      this.progressInterval = interval;
      return this;
    }

    /**
     * Sets the name the checkpoint is stored under; one per input (a migration, a sync job).
     * Default {@value CustomerOrderPublisher#DEFAULT_STREAM}.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder stream(String stream) {
      Objects.requireNonNull(stream, "stream == null");
      if (stream.isBlank()) {
        throw new IllegalArgumentException("stream is blank");
      }
      this.stream = stream;
      return this;
    }

    /**
     * Sets where the checkpoint is kept. Default a new {@link CursorStore#inMemory()} per
     * publisher: no resume after the process ends.
     */
    public Builder cursorStore(CursorStore cursorStore) {
      this.cursorStore = Objects.requireNonNull(cursorStore, "cursorStore == null");
      return this;
    }

    /** Sets where orders that still fail go. Default none: the first such order stops the run. */
    public Builder deadLetterSink(DeadLetterSink sink) {
      this.deadLetters = Objects.requireNonNull(sink, "sink == null");
      return this;
    }

    /** Sets the progress listener. Default none. */
    public Builder listener(PublishListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Returns the publisher. */
    public CustomerOrderPublisher build() {
      if (cursorStore == null) {
        cursorStore = CursorStore.inMemory();
      }
      return new CustomerOrderPublisher(this);
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
      }
      return value;
    }
  }
}
