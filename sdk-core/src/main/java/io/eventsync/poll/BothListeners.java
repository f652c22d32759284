package io.eventsync.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's own listener and its {@link PollerGroup}'s, each told of everything: what one throws
 * is logged and keeps nothing from the other. Forwards the poller's calls (the most detailed
 * overloads), so each listener's defaults work as they would alone.
 */
final class BothListeners implements PollerListener {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final PollerListener own;
  private final PollerListener group;

  BothListeners(PollerListener own, PollerListener group) {
    this.own = own;
    this.group = group;
  }

  private void each(String stream, Consumer<PollerListener> call) {
    for (PollerListener listener : new PollerListener[] {own, group}) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("poller listener of stream {} threw; ignored", stream, e);
      }
    }
  }

  @Override
  public void batchFetched(String stream, int size, int alreadyDone) {
    each(stream, l -> l.batchFetched(stream, size, alreadyDone));
  }

  @Override
  public void eventHandled(
      String stream, String eventId, @Nullable Duration lag, Duration handlerTime) {
    each(stream, l -> l.eventHandled(stream, eventId, lag, handlerTime));
  }

  @Override
  public void retrying(
      String stream, String eventId, int attempt, Throwable error, Duration backoff) {
    each(stream, l -> l.retrying(stream, eventId, attempt, error, backoff));
  }

  @Override
  public void deadLettered(String stream, DeadLetter deadLetter) {
    each(stream, l -> l.deadLettered(stream, deadLetter));
  }

  @Override
  public void halted(String stream, Throwable cause) {
    each(stream, l -> l.halted(stream, cause));
  }

  @Override
  public void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
    each(stream, l -> l.committed(stream, checkpoint, commitTime));
  }

  @Override
  public void fetchFailed(String stream, Throwable error, Duration backoff, int attempt) {
    each(stream, l -> l.fetchFailed(stream, error, backoff, attempt));
  }

  @Override
  public void fetchRecovered(String stream, int failedAttempts, Duration downtime) {
    each(stream, l -> l.fetchRecovered(stream, failedAttempts, downtime));
  }

  @Override
  public void unhealthy(String stream, Instant since, Throwable lastError) {
    each(stream, l -> l.unhealthy(stream, since, lastError));
  }

  @Override
  public void eventUnreachable(String stream, String eventId, String reason) {
    each(stream, l -> l.eventUnreachable(stream, eventId, reason));
  }
}
