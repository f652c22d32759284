package io.eventsync.poll;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a poller's dead letters through its handler, with its retries: letters that succeed and
 * letters the {@link StaleGuard} finds stale leave the sink; the others stay. Holds no mutable
 * state of its own.
 */
final class Replayer<E> {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private final EventSource<E> source;
  private final DeadLetterSink sink;
  private final StaleGuard<E> staleGuard;
  private final HandlerInvoker<E> invoker;
  private final Committer committer;
  private final PollerLifecycle lifecycle;

  Replayer(
      EventSource<E> source,
      DeadLetterSink sink,
      StaleGuard<E> staleGuard,
      HandlerInvoker<E> invoker,
      Committer committer,
      PollerLifecycle lifecycle) {
    this.stream = source.stream();
    this.source = source;
    this.sink = sink;
    this.staleGuard = staleGuard;
    this.invoker = invoker;
    this.committer = committer;
    this.lifecycle = lifecycle;
  }

  ReplayReport replay() {
    if (sink == null) {
      throw new IllegalStateException(
          "poller of stream \""
              + stream
              + "\" has no dead-letter sink; set failurePolicy(FailurePolicy.deadLetter(sink))");
    }
    lifecycle.claimCursor();
    committer.loadForReplay();
    int replayed = 0;
    int stale = 0;
    int failing = 0;
    List<String> remove = new ArrayList<>();
    for (DeadLetter letter : sink.pending()) {
      if (!letter.stream().equals(stream)) {
        continue;
      }
      E event = source.fromJson(letter.eventJson());
      if (staleGuard.isStale(event)) {
        stale++;
        remove.add(letter.eventId());
        log.debug("dead letter {} of stream {} is stale; dropped", letter.eventId(), stream);
        continue;
      }
      if (invoker.replay(event, letter.eventId()).ok()) {
        replayed++;
        remove.add(letter.eventId());
        staleGuard.handled(event);
      } else {
        failing++;
      }
    }
    if (!remove.isEmpty()) {
      sink.remove(stream, remove);
    }
    return new ReplayReport(replayed, stale, failing);
  }
}
