package io.eventsync.spring;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.PollerListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Forwards a poller's callbacks to several listeners under the poller's configured name (the {@code
 * <stream>} of {@code eventsync.pollers.<stream>}), so that meters and health details use the name
 * the application chose.
 */
final class StreamListener implements PollerListener {
  private final String name;
  private final List<PollerListener> delegates;

  StreamListener(String name, List<PollerListener> delegates) {
    this.name = name;
    this.delegates = List.copyOf(delegates);
  }

  @Override
  public void batchFetched(String stream, int size, int alreadyDone) {
    delegates.forEach(d -> d.batchFetched(name, size, alreadyDone));
  }

  @Override
  public void eventHandled(String stream, String eventId, Duration lag, Duration handlerTime) {
    delegates.forEach(d -> d.eventHandled(name, eventId, lag, handlerTime));
  }

  @Override
  public void retrying(
      String stream, String eventId, int attempt, Throwable error, Duration backoff) {
    delegates.forEach(d -> d.retrying(name, eventId, attempt, error, backoff));
  }

  @Override
  public void deadLettered(String stream, DeadLetter deadLetter) {
    delegates.forEach(d -> d.deadLettered(name, deadLetter));
  }

  @Override
  public void halted(String stream, Throwable cause) {
    delegates.forEach(d -> d.halted(name, cause));
  }

  @Override
  public void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
    delegates.forEach(d -> d.committed(name, checkpoint, commitTime));
  }

  @Override
  public void fetchFailed(String stream, Throwable error, Duration backoff, int attempt) {
    delegates.forEach(d -> d.fetchFailed(name, error, backoff, attempt));
  }

  @Override
  public void fetchRecovered(String stream, int failedAttempts, Duration downtime) {
    delegates.forEach(d -> d.fetchRecovered(name, failedAttempts, downtime));
  }

  @Override
  public void unhealthy(String stream, Instant since, Throwable lastError) {
    delegates.forEach(d -> d.unhealthy(name, since, lastError));
  }

  @Override
  public void eventUnreachable(String stream, String eventId, String reason) {
    delegates.forEach(d -> d.eventUnreachable(name, eventId, reason));
  }
}
