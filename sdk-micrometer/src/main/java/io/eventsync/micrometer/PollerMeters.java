package io.eventsync.micrometer;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.DeadLetter;
import io.eventsync.poll.PollerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PollerListener} of {@link EventSyncMetrics}: records what pollers report, tagged by
 * stream. Records names, counts and times only: never an event's payload, an error's message or a
 * credential.
 */
final class PollerMeters implements PollerListener {
  private final MeterRegistry registry;
  private final Tags commonTags;
  private final double[] lagPercentiles;
  private final boolean lagHistogram;
  private final Map<String, StreamMeters> streams = new ConcurrentHashMap<>();

  PollerMeters(
      MeterRegistry registry, Tags commonTags, double[] lagPercentiles, boolean lagHistogram) {
    this.registry = registry;
    this.commonTags = commonTags;
    this.lagPercentiles = lagPercentiles;
    this.lagHistogram = lagHistogram;
  }

  private StreamMeters meters(String stream) {
    return streams.computeIfAbsent(stream, s -> new StreamMeters(commonTags.and("stream", s)));
  }

  @Override
  public void batchFetched(String stream, int size, int alreadyDone) {
    if (alreadyDone > 0) {
      meters(stream).skipped.increment(alreadyDone);
    }
  }

  @Override
  public void eventHandled(String stream, String eventId, Duration lag, Duration handlerTime) {
    StreamMeters m = meters(stream);
    m.handled.increment();
    m.handlerTime.record(handlerTime);
    if (lag != null) {
      m.lag.record(lag.isNegative() ? Duration.ZERO : lag); // a clock skewed ahead of ours
    }
  }

  @Override
  public void retrying(
      String stream, String eventId, int attempt, Throwable error, Duration backoff) {
    meters(stream).retries.increment();
  }

  @Override
  public void deadLettered(String stream, DeadLetter deadLetter) {
    StreamMeters m = meters(stream);
    m.deadLettered.increment();
    m.deadLetters.increment();
  }

  @Override
  public void halted(String stream, Throwable cause) {
    meters(stream).halts.increment();
  }

  @Override
  public void committed(String stream, Checkpoint checkpoint, Duration commitTime) {
    meters(stream).commitTime.record(commitTime);
  }

  @Override
  public void fetchFailed(String stream, Throwable error, Duration backoff, int attempt) {
    meters(stream).fetchFailures.increment();
  }

  @Override
  public void eventUnreachable(String stream, String eventId, String reason) {
    meters(stream).unreachable.increment();
  }

  /** The meters of one stream. */
  private final class StreamMeters {
    final Counter handled;
    final Counter deadLettered;
    final Counter skipped;
    final Counter retries;
    final Counter halts;
    final Counter fetchFailures;
    final Counter deadLetters;
    final Counter unreachable;
    final Timer handlerTime;
    final Timer commitTime;
    final Timer lag;

    StreamMeters(Tags tags) {
      handled = events(tags, "handled");
      deadLettered = events(tags, "dead_lettered");
      skipped = events(tags, "skipped_duplicate");
      retries =
          counter(EventSyncMetrics.RETRIES, "Handler calls that failed and were retried", tags);
      halts = counter(EventSyncMetrics.HALTS, "Times the poller halted", tags);
      fetchFailures =
          counter(EventSyncMetrics.FETCH_FAILURES, "Fetches that failed after retries", tags);
      deadLetters =
          counter(EventSyncMetrics.DEAD_LETTERS, "Events stored in the dead-letter sink", tags);
      unreachable =
          counter(EventSyncMetrics.UNREACHABLE, "Rows the source could not deliver", tags);
      handlerTime =
          Timer.builder(EventSyncMetrics.HANDLER_TIME)
              .description("Time the handler took per event")
              .tags(tags)
              .register(registry);
      commitTime =
          Timer.builder(EventSyncMetrics.COMMIT_TIME)
              .description("Time a checkpoint commit took")
              .tags(tags)
              .register(registry);
      Timer.Builder lagBuilder =
          Timer.builder(EventSyncMetrics.LAG)
              .description("Time from an event's creation to the end of its handling")
              .tags(tags)
              .publishPercentileHistogram(lagHistogram);
      if (lagPercentiles.length > 0) {
        lagBuilder.publishPercentiles(lagPercentiles);
      }
      lag = lagBuilder.register(registry);
    }

    private Counter events(Tags tags, String outcome) {
      return Counter.builder(EventSyncMetrics.EVENTS)
          .description("Events the poller is done with, by outcome")
          .tags(tags.and("outcome", outcome))
          .register(registry);
    }

    private Counter counter(String name, String description, Tags tags) {
      return Counter.builder(name).description(description).tags(tags).register(registry);
    }
  }
}
