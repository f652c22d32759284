package io.eventsync.poll;

import io.eventsync.internal.TrackedThreads;
import io.eventsync.poll.CloseReport.Abandoned;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

  PollerEngine(PollerBuilder<E> b) {
    this.stream = b.source.stream();
    this.threads = new TrackedThreads(b.threadFactory);
    ListenerCalls listener = new ListenerCalls(stream, b.listener);
    this.fetchFailures =
        new FetchFailureReporter(stream, b.listener, b.clock, b.unhealthyAfter, listener::call);
    this.lifecycle = new PollerLifecycle(stream, b.cursorStore, b.sleeper, listener);
    this.committer = new Committer(stream, b.cursorStore, b.lease, threads, listener, lifecycle);
    this.invoker = new HandlerInvoker<>(b, listener, lifecycle, committer);
    StaleGuard<E> staleGuard = new StaleGuard<>(b.staleKey, b.staleVersion, b.versionStore);
    this.dispatcher =
        new Dispatcher<>(b, invoker, committer, lifecycle, listener, staleGuard, threads);
    this.loop =
        new FetchLoop<>(b, fetchFailures, listener, lifecycle, committer, dispatcher, activity);
    this.replayer =
        new Replayer<>(b.source, b.failurePolicy.sink(), staleGuard, invoker, committer, lifecycle);
  }

  @Override
  public void start() {
    lifecycle.startBackground(loop::run, threads);
    log.debug("poller of stream {} started", stream);
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
    Thread thread = lifecycle.stop(); // phase 1: fetch nothing more, hand over nothing new
    boolean fetchInFlight = loop.cancelFetch(); // a hanging request or TLS handshake ends at once
    int abandoned = 0;
    Abandoned what = fetchInFlight ? Abandoned.FETCH : Abandoned.NOTHING;
    try {
      if (thread != null) { // phase 2 and 3: the loop finishes its event and commits on its way out
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      if (!dispatcher.awaitWorkers(deadline)) { // phase 4: the poller's own threads
        abandoned += dispatcher.abandonWorkers();
        what = Abandoned.EVENT;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread != null && thread.isAlive()) {
      abandoned++;
      Abandoned busy = activity.warnNotStopped(stream, timeout);
      what = busy != Abandoned.NOTHING ? busy : what;
    } else if (thread == null) {
      committer.commitQuietly(); // caller-thread mode: nothing else commits
    }
    committer.shutdown();
    threads.awaitEnded(deadline); // an executor terminates a moment before its threads end
    lifecycle.closed();
    return new CloseReport(
        abandoned == 0, dispatcher.handledTotal(), committer.lastCommitted(), abandoned, what);
  }
}
