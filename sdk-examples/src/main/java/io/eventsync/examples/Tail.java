package io.eventsync.examples;

import io.eventsync.poll.CloseReport;
import io.eventsync.poll.CommitEvery;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.CursorStoreException;
import io.eventsync.poll.EventHandler;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerBuilder;
import io.eventsync.poll.PollerState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a poller for the tail commands: prints each event (flushed before the poller records it as
 * handled), resumes from a cursor file, stops after {@code maxEvents}; safe to kill at any moment.
 * Exits non-zero when something was not done: the first contact could not connect, the poller
 * halted, or the last position could not be stored.
 */
final class Tail {
  private Tail() {}

  /** Where and how a tail runs. */
  record Settings(
      Path cursorFile,
      Long maxEvents,
      boolean follow,
      CommitEvery commitEvery,
      Duration idleBackoff,
      String url,
      PrintWriter err) {}

  /**
   * Runs until the stream is drained (unless {@code follow}), {@code maxEvents} were printed, or
   * the process is stopped; returns the exit code.
   */
  static <E> int run(PollerBuilder<E> builder, EventHandler<E> printer, Settings settings)
      throws InterruptedException {
    PrintWriter err = settings.err();
    Long maxEvents = settings.maxEvents();
    if (maxEvents != null && maxEvents == 0) {
      return 0;
    }
    CountDownLatch done = new CountDownLatch(1);
    TailReporter reporter = new TailReporter(err, settings.url(), done::countDown);
    AtomicLong printed = new AtomicLong();
    Poller[] self = new Poller[1];
    Poller poller =
        builder
            .cursorStore(CursorStore.singleFile(settings.cursorFile()))
            .commitEvery(settings.commitEvery())
            .idleBackoff(settings.idleBackoff())
            .listener(reporter)
            .handler(
                event -> {
                  printer.handle(event);
                  if (maxEvents != null && printed.incrementAndGet() >= maxEvents) {
                    self[0].close(Duration.ZERO); // nothing is handed over after this event
                    done.countDown();
                  }
                })
            .build();
    self[0] = poller;
    AtomicReference<RuntimeException> drainFailure = new AtomicReference<>();
    Thread hook =
        new Thread(
            () -> {
              CloseReport report = poller.close(Duration.ofSeconds(5));
              err.println(TailReporter.stopped(report));
              err.flush();
            },
            "eventsync-tail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (settings.follow()) {
        poller.start();
      } else {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    poller.drain();
                  } catch (RuntimeException e) {
                    drainFailure.set(e);
                  } finally {
                    done.countDown();
                  }
                },
                "eventsync-tail-drain");
        drain.setDaemon(true); // a drain pausing after a fetch failure must not keep the JVM up
        drain.start();
      }
      while (!done.await(200, TimeUnit.MILLISECONDS)) {
        if (poller.state() == PollerState.HALTED) {
          break;
        }
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the process is stopping: the hook closes the poller and says what it abandoned
      }
    }
    if (reporter.unreachable() != null) {
      poller.close(Duration.ofSeconds(5));
      err.println(reporter.unreachableLine());
      return 1;
    }
    CloseReport report = poller.close(Duration.ofSeconds(10));
    Throwable failure = drainFailure.get() != null ? drainFailure.get() : poller.failure();
    if (failure != null) {
      String line = "eventsync: " + EventSyncCli.oneLine(failure);
      if (printed.get() > 0 && causedBy(failure, CursorStoreException.class)) {
        line += "; the cursor was not stored, so the next run prints these events again";
      }
      err.println(line);
      return 1;
    }
    if (!report.clean()) {
      err.println(TailReporter.stopped(report));
      return 1;
    }
    return 0;
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
