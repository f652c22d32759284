package io.eventsync.orders;

import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.CursorStoreException;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's counts and checkpoint. Orders are numbered by their place in the input (0, 1, ...); the
 * checkpoint's position is the count of leading orders all done (accepted or dead-lettered) and its
 * done ids the numbers of the orders done beyond it. Thread-safe.
 */
final class PublishProgress {
  private static final Logger log = LoggerFactory.getLogger(CustomerOrderPublisher.class);

  private final CursorStore store;
  private final String stream;
  private final int commitEvery;
  private final PublishListener listener;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private final TreeSet<Long> doneAbove = new TreeSet<>();
  private Checkpoint checkpoint;
  private long watermark;
  private long sent;
  private long failed;
  private long skipped;
  private int uncommitted;
  private long lastReportNanos = startNanos;

  PublishProgress(
      CursorStore store,
      String stream,
      int commitEvery,
      PublishListener listener,
      Duration interval) {
    this.store = store;
    this.stream = stream;
    this.commitEvery = commitEvery;
    this.listener = listener;
    this.intervalNanos = interval.toNanos();
    this.checkpoint = store.load(stream);
    try {
      watermark = checkpoint.position() == null ? 0 : Long.parseLong(checkpoint.position());
      for (String id : checkpoint.doneIds()) {
        doneAbove.add(Long.parseLong(id));
      }
    } catch (NumberFormatException e) {
      throw new CursorStoreException(
          "the checkpoint of stream \""
              + stream
              + "\" is not a customer-order publisher's ("
              + checkpoint
              + "); use another stream name",
          e);
    }
  }

  /** Returns true if an earlier run confirmed the order at {@code index}. */
  synchronized boolean isDone(long index) {
    return index < watermark || doneAbove.contains(index);
  }

  synchronized void skipped() {
    skipped++;
  }

  /** Records the order at {@code index} as accepted; may commit the checkpoint. */
  synchronized void sent(long index) {
    sent++;
    done(index);
  }

  /** Records the order at {@code index} as dead-lettered; may commit the checkpoint. */
  synchronized void failed(long index) {
    failed++;
    done(index);
  }

  private void done(long index) {
    doneAbove.add(index);
    while (doneAbove.remove(watermark)) {
      watermark++;
    }
    if (++uncommitted >= commitEvery) {
      commit();
    }
    long now = System.nanoTime();
    if (now - lastReportNanos >= intervalNanos) {
      lastReportNanos = now;
      report();
    }
  }

  /** Commits what is done if anything changed since the last commit. */
  synchronized void commit() {
    if (uncommitted > 0) {
      List<String> ids = doneAbove.stream().map(String::valueOf).collect(Collectors.toList());
      checkpoint = store.commit(stream, checkpoint.advance(Long.toString(watermark), ids));
      uncommitted = 0;
    }
  }

  /** The whole input is done: clears the checkpoint so that the next run starts afresh. */
  synchronized void finish() {
    checkpoint = store.commit(stream, checkpoint.advance(null, List.of()));
    uncommitted = 0;
  }

  synchronized PublishStats stats() {
    return new PublishStats(
        sent, failed, skipped, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Tells the listener the counts now, and returns them. */
  synchronized PublishStats report() {
    PublishStats stats = stats();
    if (listener != null) {
      try {
        listener.onProgress(stats);
      } catch (RuntimeException e) {
        log.warn("the publish listener of stream {} threw; ignored", stream, e);
      }
    }
    return stats;
  }
}
