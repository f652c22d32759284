package io.eventsync.poll;

import io.eventsync.internal.TrackedThreads;
import io.eventsync.poll.CloseReport.Abandoned;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one poller implementation, shared by every {@link EventSource}: wires the parts together (see
 * the package overview) and closes them in order. Holds no state of its own.
 */
final class PollerEngine<E> implements Poller {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private final TrackedThreads threads;
  private final LoopActivity activity = new LoopActivity();
  private final FetchFailureReporter fetchFailures;
  private final PollerLifecycle lifecycle;
  private final Committer committer;
  private final HandlerInvoker<E> invoker;
  private final Dispatcher<E> dispatcher;
  private final FetchLoop<E> loop;
  private final Replayer<E> replayer;
  private final @Nullable ScheduledLoop scheduled; // null: the poller has threads of its own

  PollerEngine(PollerBuilder<E> b) {
    this(b, null, b.listener);
  }

  /**
   * A poller told of its doings through {@code listener}, whose loop runs on {@code group}'s
   * threads if that is not null.
   */
  PollerEngine(PollerBuilder<E> b, @Nullable GroupThreads group, PollerListener listener) {
    this.stream = b.source.stream();
    this.threads = new TrackedThreads(b.threadFactory);
    ListenerCalls calls = new ListenerCalls(stream, listener);
    this.fetchFailures =
        new FetchFailureReporter(stream, listener, b.clock, b.unhealthyAfter, calls::call);
    this.lifecycle = new PollerLifecycle(stream, b.cursorStore, b.sleeper, calls);
    this.committer =
        new Committer(stream, b.cursorStore, b.lease, threads, calls, lifecycle, group == null);
    this.invoker = new HandlerInvoker<>(b, calls, lifecycle, committer, group != null);
    StaleGuard<E> staleGuard = new StaleGuard<>(b.staleKey, b.staleVersion, b.versionStore);
    this.dispatcher =
        new Dispatcher<>(b, invoker, committer, lifecycle, calls, staleGuard, threads);
    this.loop =
        new FetchLoop<>(b, fetchFailures, calls, lifecycle, committer, dispatcher, activity);
    this.replayer =
        new Replayer<>(b.source, b.failurePolicy.sink(), staleGuard, invoker, committer, lifecycle);
    this.scheduled = group == null ? null : new ScheduledLoop(stream, loop, lifecycle, group);
  }

  @Override
  public void start() {
    if (scheduled != null) {
      lifecycle.startScheduled(scheduled::start);
    } else {
      lifecycle.startBackground(loop::run, threads);
    }
    log.debug("poller of stream {} started", stream);
  }

  /** Phase 1 of {@link #close}: fetch nothing more, hand nothing new over, end a wait. */
  @Nullable Thread stop() {
    Thread thread = lifecycle.stop();
    if (scheduled != null) {
      scheduled.wake();
    }
    return thread;
  }

  @Override
  public PollResult pollOnce() {
    return loop.pollOnce(false);
  }

  @Override
  public DrainResult drain() {
    return loop.drain();
  }

  @Override
  public PollerState state() {
    return lifecycle.state();
  }

  @Override
  public PollerHealth health() {
    return fetchFailures.health(lifecycle.haltCause());
  }

  @Override
  public Throwable failure() {
    return lifecycle.failure();
  }

  @Override
  public Checkpoint checkpoint() {
    return committer.checkpoint();
  }

  @Override
  public ReplayReport replayDeadLetters() {
    return replayer.replay();
  }

  @Override
  public CloseReport close(Duration timeout) {
    if (invoker.isHandlingOnThisThread()) {
      // Called by this poller's own handler: hand over nothing after the current event. The
      // poller commits on its way out; a close() from another thread waits for that.
      lifecycle.requestStop();
      return new CloseReport(false, dispatcher.handledTotal(), committer.lastCommitted(), 0);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread thread = stop(); // phase 1: fetch nothing more, hand over nothing new
    boolean fetchInFlight = loop.cancelFetch(); // a hanging request or TLS handshake ends at once
    int abandoned = 0;
    Abandoned what = fetchInFlight ? Abandoned.FETCH : Abandoned.NOTHING;
    try {
      if (thread != null) { // phase 2 and 3: the loop finishes its event and commits on its way out
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } else if (scheduled != null) {
        scheduled.awaitEnded(deadline);
      }
      if (!dispatcher.awaitWorkers(deadline)) { // phase 4: the poller's own threads
        abandoned += dispatcher.abandonWorkers();
        what = Abandoned.EVENT;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread != null ? thread.isAlive() : scheduled != null && !scheduled.hasEnded()) {
      abandoned++;
      Abandoned busy = activity.warnNotStopped(stream, timeout);
      what = busy != Abandoned.NOTHING ? busy : what;
    } else if (thread == null && scheduled == null) {
      committer.commitQuietly(); // caller-thread mode: nothing else commits
    }
    committer.shutdown();
    threads.awaitEnded(deadline); // an executor terminates a moment before its threads end
    lifecycle.closed();
    return new CloseReport(
        abandoned == 0, dispatcher.handledTotal(), committer.lastCommitted(), abandoned, what);
  }
}
