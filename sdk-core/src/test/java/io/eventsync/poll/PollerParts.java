package io.eventsync.poll;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** The engine's parts wired as {@link PollerEngine} wires them, for the parts' own tests. */
final class PollerParts<E> {
  final RecordingListener heard = new RecordingListener();
  final ListenerCalls listener;
  final PollerLifecycle lifecycle;
  final Committer committer;
  final HandlerInvoker<E> invoker;
  final StaleGuard<E> staleGuard;
  final Dispatcher<E> dispatcher;
  final FetchLoop<E> loop;
  final Replayer<E> replayer;

  PollerParts(PollerBuilder<E> b) {
    String stream = b.source.stream();
    listener = new ListenerCalls(stream, heard);
    lifecycle = new PollerLifecycle(stream, b.cursorStore, b.sleeper, listener);
    committer =
        new Committer(
            stream,
            b.cursorStore,
            b.lease,
            Executors.defaultThreadFactory(),
            listener,
            lifecycle,
            true);
    invoker = new HandlerInvoker<>(b, listener, lifecycle, committer, false);
    staleGuard = new StaleGuard<>(b.staleKey, b.staleVersion, b.versionStore);
    dispatcher =
        new Dispatcher<>(
            b,
            invoker,
            committer,
            lifecycle,
            listener,
            staleGuard,
            Executors.defaultThreadFactory());
    FetchFailureReporter failures =
        new FetchFailureReporter(stream, heard, b.clock, b.unhealthyAfter, listener::call);
    loop =
        new FetchLoop<>(
            b, failures, listener, lifecycle, committer, dispatcher, new LoopActivity());
    replayer =
        new Replayer<>(b.source, b.failurePolicy.sink(), staleGuard, invoker, committer, lifecycle);
  }

  /** Remembers the listener calls the engine makes, one line each. */
  static final class RecordingListener implements PollerListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Duration> handlerTimes = new CopyOnWriteArrayList<>();
    final List<Duration> commitTimes = new CopyOnWriteArrayList<>();

    @Override
    public void eventHandled(String stream, String eventId, Duration lag, Duration handlerTime) {
      calls.add("handled " + eventId);
      handlerTimes.add(handlerTime);
    }

    @Override
    public void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
      calls.add("committed " + checkpoint.position());
      commitTimes.add(commitTime);
    }

    @Override
    public void halted(String stream, Throwable cause) {
      calls.add("halted " + cause.getMessage());
    }

    @Override
    public void deadLettered(String stream, DeadLetter deadLetter) {
      calls.add("dead-lettered " + deadLetter.eventId());
    }

    @Override
    public void retrying(
        String stream, String eventId, int attempt, Throwable error, Duration backoff) {
      calls.add("retrying " + eventId + " after attempt " + attempt + " in " + backoff);
    }
  }
}
