package io.eventsync.poll;

import io.eventsync.EventSyncException;
import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import io.eventsync.internal.TrackedThreads;
import io.eventsync.internal.Transience;
import io.eventsync.poll.CloseReport.Abandoned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The one poller implementation, shared by every {@link EventSource}. */
final class PollerEngine<E> implements Poller {
  static final int MAX_CONSECUTIVE_FETCH_FAILURES = 10;

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** The poller whose handler runs on this thread, if any: a handler may close its own poller. */
  private static final ThreadLocal<PollerEngine<?>> HANDLING = new ThreadLocal<>();

  private final EventSource<E> source;
  private final String stream;
  private final CursorStore store;
  private final EventHandler<? super E> handler;
  private final BatchHandler<? super E> batchHandler;
  private final TransactionalHandler<? super E> transactionalHandler;
  private final Lease lease;
  private final RetryPolicy retryPolicy;
  private final FailurePolicy failurePolicy;
  private final CommitEvery commitEvery;
  private final int concurrency;
  private final Function<? super E, String> orderingKey;
  private final Duration idleBackoff;
  private final FetchBackoff fetchBackoff;
  private final FetchFailureReporter fetchFailures;
  private final PollerListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final TrackedThreads threadFactory;
  private final Function<? super E, String> staleKey;
  private final ToLongFunction<? super E> staleVersion;
  private final VersionStore versionStore;

  /** Guards the checkpoints and the state. */
  private final Object lock = new Object();

  private FileCursorLock cursorLock; // this poller's hold on a file cursor, once taken
  private Checkpoint current; // handled position, not necessarily committed; null: load first
  private long leaseEpoch = -1;
  private Checkpoint committed;
  private PollerState state = PollerState.NEW;
  private Throwable failure;
  private boolean background;

  /** Guards stopping and the thread in a pause. */
  private final Object pauseLock = new Object();

  private volatile boolean stopping;
  private Thread pausing; // the thread in pause(), if any
  private final InFlightFetch fetches = new InFlightFetch();
  private final LoopActivity activity = new LoopActivity();

  private Thread loopThread;
  private ExecutorService workers;

  /**
   * The commit of the last batch while the next one is fetched (only in {@link #drain()} and the
   * background loop), and what it commits; guarded by {@link #lock}. Nothing is handed over before
   * it has been settled by {@link #settleCommitLocked()}.
   */
  private Future<Checkpoint> pendingCommit;

  private Checkpoint pendingSnapshot;
  private ThreadPoolExecutor committer;

  private final AtomicLong handledTotal = new AtomicLong();

  PollerEngine(PollerBuilder<E> b) {
    this.source = b.source;
    this.stream = b.source.stream();
    this.store = b.cursorStore;
    this.handler = b.handler;
    this.batchHandler = b.batchHandler;
    this.transactionalHandler = b.transactionalHandler;
    this.lease = b.lease;
    this.retryPolicy = b.retryPolicy;
    this.failurePolicy = b.failurePolicy;
    this.commitEvery = b.commitEvery;
    this.concurrency = b.concurrency;
    this.orderingKey = b.orderingKey;
    this.idleBackoff = b.idleBackoff;
    this.fetchBackoff =
        new FetchBackoff(b.errorBackoff, b.maxErrorBackoff, b.retryPolicy.maxRetryAfter());
    this.listener = b.listener;
    this.clock = b.clock;
    this.fetchFailures =
        new FetchFailureReporter(
            stream, b.listener, b.clock, b.unhealthyAfter, this::notifyListener);
    this.sleeper = b.sleeper;
    this.threadFactory = new TrackedThreads(b.threadFactory);
    this.staleKey = b.staleKey;
    this.staleVersion = b.staleVersion;
    this.versionStore = b.versionStore;
  }

  // ---------------------------------------------------------------- life cycle

  @Override
  public void start() {
    synchronized (lock) {
      checkUsable("start");
      if (background) {
        throw new IllegalStateException("poller of stream \"" + stream + "\" is already started");
      }
      claimCursorLocked();
      background = true;
      state = PollerState.RUNNING;
      loopThread = threadFactory.newThread(this::runLoop);
      loopThread.start();
    }
    log.debug("poller of stream {} started", stream);
  }

  @Override
  public PollResult pollOnce() {
    return pollOnce(false);
  }

  /**
   * {@link #pollOnce()}; if {@code overlapCommit}, the batch may be committed while the next one is
   * fetched.
   */
  private PollResult pollOnce(boolean overlapCommit) {
    synchronized (lock) {
      checkUsable("pollOnce");
      if (background) {
        throw new IllegalStateException(
            "poller of stream \""
                + stream
                + "\" runs in the background; do not also poll it directly");
      }
      claimCursorLocked();
      state = PollerState.RUNNING;
    }
    try {
      return pollBatch(overlapCommit);
    } catch (Error e) {
      synchronized (lock) {
        releaseCursorLocked(); // the process is in trouble; the next poll claims the cursor again
      }
      throw e;
    }
  }

  @Override
  public DrainResult drain() {
    long polls = 0;
    long handled = 0;
    long skipped = 0;
    long deadLettered = 0;
    int failures = 0;
    while (!stopping) {
      PollResult result;
      try {
        result = pollOnce(true);
      } catch (PollerHaltedException e) {
        throw e;
      } catch (EventSyncException e) {
        if (!Transience.isTransient(e) || ++failures >= MAX_CONSECUTIVE_FETCH_FAILURES) {
          synchronized (lock) {
            settleCommitLocked(); // what was handled is committed, or the poller halts
          }
          throw e;
        }
        pause(fetchFailed(e));
        continue;
      }
      failures = 0;
      polls++;
      handled += result.handled();
      skipped += result.skipped();
      deadLettered += result.deadLettered();
      if (result.caughtUp()) {
        break;
      }
    }
    return new DrainResult(polls, handled, skipped, deadLettered, checkpoint());
  }

  @Override
  public PollerState state() {
    synchronized (lock) {
      return state;
    }
  }

  @Override
  public PollerHealth health() {
    Throwable halt;
    synchronized (lock) {
      halt = state == PollerState.HALTED ? failure : null;
    }
    return fetchFailures.health(halt);
  }

  @Override
  public Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  @Override
  public Checkpoint checkpoint() {
    synchronized (lock) {
      settleCommitQuietly();
      return committed != null ? committed : store.load(stream);
    }
  }

  @Override
  public CloseReport close(Duration timeout) {
    if (HANDLING.get() == this) {
      // Called by this poller's own handler: hand over nothing after the current event. The
      // poller commits on its way out; a close() from another thread waits for that.
      synchronized (pauseLock) {
        stopping = true;
      }
      synchronized (lock) {
        return new CloseReport(false, handledTotal.get(), committed, 0);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread thread;
    boolean fetchInFlight;
    synchronized (pauseLock) {
      stopping = true; // phase 1: fetch nothing more, hand over nothing new
      if (pausing != null) {
        pausing.interrupt(); // only ever interrupts a pause or a fetch, never a handler
      }
      fetchInFlight = fetches.cancel(); // a hanging request or TLS handshake ends at once
      thread = loopThread;
    }
    int abandoned = 0;
    Abandoned what = fetchInFlight ? Abandoned.FETCH : Abandoned.NOTHING;
    try {
      if (thread != null) { // phase 2 and 3: the loop finishes its event and commits on its way out
        thread.join(Math.max(1, remainingMillis(deadline)));
      }
      ExecutorService pool;
      synchronized (lock) {
        pool = workers;
      }
      if (pool != null) { // phase 4: the poller's own threads
        pool.shutdown();
        if (!pool.awaitTermination(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS)) {
          abandoned += pool.shutdownNow().size() > 0 ? 1 : 0;
          what = Abandoned.EVENT;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread != null && thread.isAlive()) {
      abandoned++;
      Abandoned busy = activity.warnNotStopped(stream, timeout);
      what = busy != Abandoned.NOTHING ? busy : what;
    } else if (thread == null) {
      commitQuietly(); // caller-thread mode: nothing else commits
    }
    ExecutorService commitThread;
    synchronized (lock) {
      settleCommitQuietly();
      commitThread = committer;
    }
    if (commitThread != null) {
      commitThread.shutdown(); // idle: every commit it ran is settled
    }
    threadFactory.awaitEnded(deadline); // an executor terminates a moment before its threads end
    synchronized (lock) {
      state = PollerState.CLOSED;
      releaseCursorLocked(); // a thread left behind cannot commit over a newer poller's version
      return new CloseReport(abandoned == 0, handledTotal.get(), committed, abandoned, what);
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
  }

  private void checkUsable(String operation) {
    if (state == PollerState.HALTED) {
      throw new IllegalStateException(
          "poller of stream \""
              + stream
              + "\" halted ("
              + failure
              + "); build a new one to resume");
    }
    if (state == PollerState.CLOSED || stopping) {
      throw new IllegalStateException(
          "poller of stream \"" + stream + "\" is closed; cannot " + operation);
    }
  }

  private void runLoop() {
    try {
      while (!stopping) {
        PollResult result;
        try {
          result = pollBatch(true);
        } catch (PollerHaltedException e) {
          return;
        } catch (EventSyncException e) {
          if (!Transience.isTransient(e)) {
            halt(
                e,
                null,
                "fetching from stream \"" + stream + "\" failed permanently: " + e.getMessage());
            return;
          }
          pause(fetchFailed(e));
          continue;
        } catch (RuntimeException | Error e) {
          halt(e, null, "poller of stream \"" + stream + "\" failed unexpectedly: " + e);
          return;
        }
        if (result.caughtUp()) {
          pause(idleBackoff);
        }
      }
    } finally {
      activity.set(Abandoned.COMMIT);
      commitQuietly();
      activity.set(Abandoned.NOTHING);
      log.debug("poller of stream {} stopped", stream);
    }
  }

  private void pause(Duration duration) {
    synchronized (pauseLock) {
      if (stopping) {
        return;
      }
      pausing = Thread.currentThread();
    }
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      if (!stopping) {
        Thread.currentThread().interrupt();
      }
    } finally {
      synchronized (pauseLock) {
        pausing = null;
        if (stopping) {
          Thread.interrupted(); // the interrupt was ours, for this pause only
        }
      }
    }
  }

  /** Reports a failed fetch that will be tried again; returns the wait before that. */
  private Duration fetchFailed(EventSyncException e) {
    Duration backoff = fetchBackoff.after(fetchFailures.failures() + 1, e);
    fetchFailures.failed(e, backoff);
    return backoff;
  }

  /** Fetches after {@code start}; {@link #close} may cancel the fetch. */
  private EventSource.Batch<E> fetch(Checkpoint start) {
    activity.set(Abandoned.FETCH);
    try {
      return fetches.run(() -> source.fetch(start));
    } finally {
      activity.set(Abandoned.NOTHING);
    }
  }

  /**
   * Takes the stream's file cursor for this poller's life, if the store is a file store: a second
   * poller is refused here, before it reads or hands over anything. Call holding {@link #lock}.
   */
  private void claimCursorLocked() {
    if (cursorLock == null && state != PollerState.CLOSED && store instanceof FileCursorStore) {
      cursorLock = ((FileCursorStore) store).claim(stream);
    }
  }

  /** Gives the stream's file cursor up, if this poller holds it. Call holding {@link #lock}. */
  private void releaseCursorLocked() {
    if (cursorLock != null) {
      cursorLock.close();
      cursorLock = null;
    }
  }

  // ---------------------------------------------------------------- one batch

  private PollResult pollBatch(boolean overlapCommit) {
    if (lease != null) {
      if (!lease.tryAcquire()) {
        synchronized (lock) {
          settleCommitLocked();
          current = null; // another poller is active; reload when this one takes over
        }
        return new PollResult(0, 0, 0, 0, true);
      }
      synchronized (lock) {
        if (lease.epoch() != leaseEpoch) {
          settleCommitLocked();
          leaseEpoch = lease.epoch();
          current = null; // a takeover: the previous holder may have moved the cursor
        }
      }
    }
    Checkpoint start;
    synchronized (lock) {
      if (current == null) {
        current = committed = lease == null ? store.load(stream) : store.load(stream, leaseEpoch);
        log.debug("stream {} resumes from {}", stream, current);
      }
      start = current;
    }
    // The previous batch's commit may still be running: the fetch only reads start's position.
    EventSource.Batch<E> batch;
    try {
      batch = fetch(start);
    } catch (RuntimeException e) {
      if (!stopping) {
        throw e;
      }
      synchronized (lock) {
        settleCommitLocked();
      }
      log.debug("fetch of stream {} cancelled by close(): {}", stream, e.toString());
      return new PollResult(0, 0, 0, 0, false); // nothing handed over; fetched again next time
    }
    fetchFailures.succeeded();
    synchronized (lock) {
      settleCommitLocked();
      start = current;
    }
    if (stopping) {
      return new PollResult(batch.events().size(), 0, 0, 0, false); // redelivered next time
    }
    List<E> todo = new ArrayList<>(batch.events().size());
    for (E event : batch.events()) {
      if (!start.isDone(source.id(event))) {
        todo.add(event);
      }
    }
    int skipped = batch.events().size() - todo.size();
    notifyListener(() -> listener.batchFetched(stream, batch.events().size(), skipped));
    batch
        .unreachable()
        .forEach(
            (id, reason) -> notifyListener(() -> listener.eventUnreachable(stream, id, reason)));
    Outcome outcome = new Outcome();
    if (!todo.isEmpty()) {
      activity.set(Abandoned.EVENT);
      try {
        if (batchHandler != null) {
          handleBatch(todo, outcome);
        } else if (concurrency == 1) {
          handleInOrder(todo, outcome);
        } else {
          handleConcurrently(todo, outcome);
        }
      } finally {
        activity.set(Abandoned.NOTHING);
      }
    }
    if (outcome.halt != null) {
      halt(outcome.halt.getCause(), outcome.halt.eventId(), outcome.halt.getMessage());
      throw outcome.halt;
    }
    if (outcome.leaseLost) {
      synchronized (lock) {
        current = null; // uncommitted progress is redelivered to whoever holds the lease
      }
      log.info("poller of stream {} lost its lease; it stopped handing over events", stream);
      return new PollResult(
          batch.events().size(), outcome.handled, skipped, outcome.deadLettered, true);
    }
    boolean complete = outcome.handled + outcome.deadLettered == todo.size();
    activity.set(Abandoned.COMMIT);
    synchronized (lock) {
      try {
        if (complete) {
          current = current.advance(batch.nextPosition(), batch.nextDoneIds());
        }
        commit(overlapCommit && complete && !batch.caughtUp() && !stopping);
      } finally {
        activity.set(Abandoned.NOTHING);
      }
    }
    return new PollResult(
        batch.events().size(),
        outcome.handled,
        skipped,
        outcome.deadLettered,
        complete && batch.caughtUp());
  }

  /** Counts of one batch; updated under {@link #lock} when handlers run concurrently. */
  private static final class Outcome {
    int handled;
    int deadLettered;
    PollerHaltedException halt;
    boolean leaseLost;
  }

  private void handleInOrder(List<E> events, Outcome outcome) {
    for (E event : events) {
      if (stopping || !handleOne(event, outcome)) {
        return;
      }
    }
  }

  private void handleConcurrently(List<E> events, Outcome outcome) {
    Map<String, List<E>> byKey = new LinkedHashMap<>();
    for (E event : events) {
      byKey.computeIfAbsent(orderingKey.apply(event), k -> new ArrayList<>()).add(event);
    }
    ExecutorService pool;
    synchronized (lock) {
      if (workers == null) {
        workers = Executors.newFixedThreadPool(concurrency, threadFactory);
      }
      pool = workers;
    }
    List<Future<?>> futures = new ArrayList<>();
    for (List<E> keyEvents : byKey.values()) {
      futures.add(
          pool.submit(
              () -> {
                for (E event : keyEvents) {
                  synchronized (lock) {
                    if (outcome.halt != null) {
                      return; // another key halted: stop after the events in flight
                    }
                  }
                  if (stopping || !handleOne(event, outcome)) {
                    return;
                  }
                }
              }));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EventSyncException(
            "interrupted while waiting for the handlers of stream " + stream, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof PollerHaltedException) {
          throw (PollerHaltedException) e.getCause(); // the store refused a commit
        }
        throw new IllegalStateException(
            "a handler task of stream " + stream + " failed", e.getCause());
      }
    }
  }

  /** Handles one event with retries; returns false if the batch must stop here. */
  private boolean handleOne(E event, Outcome outcome) {
    String id = source.id(event);
    if (lease != null && !lease.isHeld()) {
      synchronized (lock) {
        outcome.leaseLost = true;
      }
      return false;
    }
    MDC.put("eventsync.stream", stream);
    MDC.put("eventsync.eventId", id);
    try {
      Throwable error;
      try {
        error =
            callWithRetries(
                id,
                transactionalHandler != null
                    ? () -> handleTransactionally(event, id)
                    : () -> handler.handle(event));
      } catch (CursorStoreException e) {
        firstHalt(
            outcome,
            "cannot commit event " + id + " of stream \"" + stream + "\": " + e.getMessage(),
            id,
            e);
        return false;
      }
      if (error == null) {
        done(List.of(event), outcome, false);
        return true;
      }
      if (error instanceof Stopped) {
        return false;
      }
      return giveUp(List.of(event), error, outcome);
    } finally {
      MDC.remove("eventsync.eventId");
      MDC.remove("eventsync.stream");
    }
  }

  private void handleBatch(List<E> events, Outcome outcome) {
    String id = source.id(events.get(0));
    MDC.put("eventsync.stream", stream);
    try {
      Throwable error = callWithRetries(id, () -> batchHandler.handle(events));
      if (error == null) {
        done(events, outcome, false);
      } else if (!(error instanceof Stopped)) {
        giveUp(events, error, outcome);
      }
    } finally {
      MDC.remove("eventsync.stream");
    }
  }

  /** A handler call. */
  private interface Call {
    void run() throws Exception;
  }

  /** Returned by {@link #callWithRetries} when the poller was closed during a backoff. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  private void handleTransactionally(E event, String id) throws Exception {
    Checkpoint next;
    synchronized (lock) {
      next = current.withDone(id);
    }
    Checkpoint done =
        ((TransactionalCursorStore) store)
            .commitWith(
                stream,
                next,
                token(),
                connection -> transactionalHandler.handle(event, connection));
    synchronized (lock) {
      current = committed = done;
    }
    notifyListener(() -> listener.committed(stream, done));
  }

  private long token() {
    return lease == null ? 0 : lease.epoch();
  }

  /**
   * Returns null on success, the last error after the retries, or {@link Stopped}; a {@link
   * CursorStoreException} (another writer, a fenced commit) is thrown at once, never retried.
   */
  private Throwable callWithRetries(String id, Call call) {
    for (int attempt = 1; ; attempt++) {
      try {
        PollerEngine<?> outer = HANDLING.get();
        HANDLING.set(this);
        try {
          call.run();
        } finally {
          HANDLING.set(outer);
        }
        return null;
      } catch (CursorStoreException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= retryPolicy.maxAttempts()) {
          return new AttemptsExhausted(e, attempt);
        }
        Duration backoff = retryPolicy.backoff(attempt);
        int failedAttempt = attempt;
        notifyListener(() -> listener.retrying(stream, id, failedAttempt, e, backoff));
        log.debug(
            "handler failed on event {} of stream {} (attempt {}): {}",
            id,
            stream,
            attempt,
            e.toString());
        if (stopping) {
          return new Stopped();
        }
        pause(backoff);
        if (stopping) {
          return new Stopped();
        }
      }
    }
  }

  /** The handler's last error and the number of attempts made. */
  private static final class AttemptsExhausted extends Exception {
    private static final long serialVersionUID = 1L;
    final int attempts;

    AttemptsExhausted(Exception cause, int attempts) {
      super(cause.toString(), cause, false, false);
      this.attempts = attempts;
    }
  }

  /** Records the batch's first halt; later failures of the same batch are only logged. */
  private void firstHalt(Outcome outcome, String message, String eventId, Throwable cause) {
    synchronized (lock) {
      if (outcome.halt == null) {
        outcome.halt = new PollerHaltedException(message, stream, eventId, cause);
      } else {
        log.debug("stream {} also failed after halting: {}", stream, message);
      }
    }
  }

  private void done(List<E> events, Outcome outcome, boolean deadLettered) {
    Instant now = clock.instant();
    synchronized (lock) {
      for (E event : events) {
        current = current.withDone(source.id(event));
      }
      if (deadLettered) {
        outcome.deadLettered += events.size();
      } else {
        outcome.handled += events.size();
      }
      if (commitEvery == CommitEvery.EVENT) {
        commit();
      }
    }
    if (deadLettered) {
      return;
    }
    handledTotal.addAndGet(events.size());
    for (E event : events) {
      if (staleKey != null) {
        versionStore.processed(staleKey.apply(event), staleVersion.applyAsLong(event));
      }
      Instant createdAt = source.createdAt(event);
      Duration lag = createdAt == null ? null : Duration.between(createdAt, now);
      notifyListener(() -> listener.eventHandled(stream, source.id(event), lag));
    }
  }

  /** Dead-letters {@code events} or records the halt; returns true if the batch may go on. */
  private boolean giveUp(List<E> events, Throwable error, Outcome outcome) {
    AttemptsExhausted exhausted = (AttemptsExhausted) error;
    Throwable cause = exhausted.getCause();
    String firstId = source.id(events.get(0));
    DeadLetterSink sink = failurePolicy.sink();
    if (sink == null) {
      firstHalt(
          outcome,
          "handler failed on event "
              + firstId
              + " of stream \""
              + stream
              + "\" after "
              + exhausted.attempts
              + " attempts ("
              + cause
              + "); the poller halted and the cursor stays before the event",
          firstId,
          cause);
      return false;
    }
    for (E event : events) {
      DeadLetter letter =
          new DeadLetter(
              stream,
              source.id(event),
              source.type(event),
              source.toJson(event),
              String.valueOf(cause),
              exhausted.attempts,
              clock.instant());
      try {
        sink.accept(letter);
      } catch (RuntimeException sinkFailure) {
        firstHalt(
            outcome,
            "dead-letter sink "
                + sink
                + " failed for event "
                + letter.eventId()
                + " of stream \""
                + stream
                + "\" ("
                + sinkFailure.getMessage()
                + "); the poller halted and the cursor stays before the event",
            letter.eventId(),
            sinkFailure);
        return false;
      }
      notifyListener(() -> listener.deadLettered(stream, letter));
      log.debug(
          "event {} of stream {} dead-lettered after {} attempts",
          letter.eventId(),
          stream,
          letter.attempts());
      done(List.of(event), outcome, true);
    }
    return true;
  }

  // ---------------------------------------------------------------- checkpoints

  /** Commits {@link #current} if it moved; call holding {@link #lock}. */
  private void commit() {
    commit(false);
  }

  /**
   * Commits {@link #current} if it moved; call holding {@link #lock}. {@code inBackground}: on the
   * committer thread, so that the next batch is fetched meanwhile (for the queue, that fetch
   * acknowledges this batch, which is handled already); the next batch is handed over only once
   * this commit is settled.
   */
  private void commit(boolean inBackground) {
    settleCommitLocked();
    if (committed != null && current.samePlace(committed)) {
      return;
    }
    Checkpoint snapshot = current;
    long token = token();
    if (!inBackground) {
      Checkpoint stored;
      try {
        stored = store.commit(stream, snapshot, token);
      } catch (CursorStoreException e) {
        throw haltOnCommitFailure(e);
      }
      committed(snapshot, stored);
      return;
    }
    if (committer == null) {
      committer =
          new ThreadPoolExecutor(
              1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory);
      committer.allowCoreThreadTimeOut(true); // no idle thread left behind by an unclosed poller
    }
    pendingSnapshot = snapshot;
    pendingCommit = committer.submit(() -> store.commit(stream, snapshot, token));
  }

  /**
   * Waits for the background commit, if any, and records its result; a failed commit halts the
   * poller as a failed {@link #commit()} does. Call holding {@link #lock} (the commit itself does
   * not take it).
   */
  private void settleCommitLocked() {
    Future<Checkpoint> pending = pendingCommit;
    if (pending == null) {
      return;
    }
    pendingCommit = null;
    Checkpoint snapshot = pendingSnapshot;
    pendingSnapshot = null;
    Checkpoint stored;
    try {
      stored = getUninterruptibly(pending);
    } catch (ExecutionException e) {
      throw haltOnCommitFailure(e.getCause());
    }
    committed(snapshot, stored);
  }

  private void settleCommitQuietly() {
    try {
      settleCommitLocked();
    } catch (PollerHaltedException e) {
      log.debug("background commit of stream {} failed: {}", stream, e.getMessage());
    }
  }

  /** Records that {@code handled} was committed as {@code stored}; call holding {@link #lock}. */
  private void committed(Checkpoint handled, Checkpoint stored) {
    committed = stored;
    if (current == handled) {
      current = stored; // the next commit compares against the new version
    }
    notifyListener(() -> listener.committed(stream, stored));
  }

  private static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true; // a commit is short and must be settled before anything else
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Halts the poller on a failed commit; returns the exception to throw. */
  private PollerHaltedException haltOnCommitFailure(Throwable e) {
    PollerHaltedException halt =
        e instanceof CheckpointConflictException
            ? new PollerHaltedException(e.getMessage(), stream, null, e)
            : new PollerHaltedException(
                "cannot commit the checkpoint of stream \""
                    + stream
                    + "\": "
                    + (e instanceof CursorStoreException ? e.getMessage() : e.toString()),
                stream,
                null,
                e);
    haltLocked(e, halt.getMessage());
    return halt;
  }

  private void commitQuietly() {
    synchronized (lock) {
      if (current == null || state == PollerState.HALTED) {
        return;
      }
      try {
        commit();
      } catch (PollerHaltedException e) {
        log.warn("final commit of stream {} failed: {}", stream, e.getMessage());
      }
    }
  }

  private void halt(Throwable cause, String eventId, String message) {
    synchronized (lock) {
      if (state != PollerState.HALTED) {
        if (current != null) {
          try {
            commit(); // keep what was handled before the failure
          } catch (RuntimeException e) {
            log.warn("commit before halting stream {} failed: {}", stream, e.getMessage());
          }
        }
        haltLocked(cause, message);
      }
    }
  }

  private void haltLocked(Throwable cause, String message) {
    if (state == PollerState.HALTED) {
      return;
    }
    state = PollerState.HALTED;
    failure = cause;
    releaseCursorLocked(); // a new poller may take over at once
    log.warn("{}", message);
    notifyListener(() -> listener.halted(stream, cause));
  }

  // ---------------------------------------------------------------- dead letters

  @Override
  public ReplayReport replayDeadLetters() {
    DeadLetterSink sink = failurePolicy.sink();
    if (sink == null) {
      throw new IllegalStateException(
          "poller of stream \""
              + stream
              + "\" has no dead-letter sink; set failurePolicy(FailurePolicy.deadLetter(sink))");
    }
    synchronized (lock) {
      claimCursorLocked();
      if (current == null) {
        current = committed = store.load(stream);
      }
    }
    int replayed = 0;
    int stale = 0;
    int failing = 0;
    List<String> remove = new ArrayList<>();
    for (DeadLetter letter : sink.pending()) {
      if (!letter.stream().equals(stream)) {
        continue;
      }
      E event = source.fromJson(letter.eventJson());
      if (isStale(event)) {
        stale++;
        remove.add(letter.eventId());
        log.debug("dead letter {} of stream {} is stale; dropped", letter.eventId(), stream);
        continue;
      }
      Throwable error =
          callWithRetries(
              letter.eventId(),
              () -> {
                if (handler != null) {
                  handler.handle(event);
                } else if (batchHandler != null) {
                  batchHandler.handle(List.of(event));
                } else {
                  handleTransactionally(event, letter.eventId());
                }
              });
      if (error == null) {
        replayed++;
        remove.add(letter.eventId());
        if (staleKey != null) {
          versionStore.processed(staleKey.apply(event), staleVersion.applyAsLong(event));
        }
      } else {
        failing++;
      }
    }
    if (!remove.isEmpty()) {
      sink.remove(stream, remove);
    }
    return new ReplayReport(replayed, stale, failing);
  }

  private boolean isStale(E event) {
    if (staleKey == null) {
      return false;
    }
    Long newest = versionStore.newest(staleKey.apply(event));
    return newest != null && staleVersion.applyAsLong(event) < newest;
  }

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("poller listener of stream {} threw; ignored", stream, e);
    }
  }
}
