package io.eventsync.examples;

import io.eventsync.poll.CommitEvery;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.EventHandler;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerBuilder;
import io.eventsync.poll.PollerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a poller for the tail commands: prints each event (flushed before the poller records it as
 * handled), resumes from a cursor file, stops after {@code maxEvents}; safe to kill at any moment.
 */
final class Tail {
  private Tail() {}

  /**
   * Runs until the stream is drained (unless {@code follow}), {@code maxEvents} were printed, or
   * the process is stopped; returns the exit code.
   *
   * @param maxEvents the number of events after which to stop, or null for no limit
   */
  static <E> int run(
      PollerBuilder<E> builder,
      EventHandler<E> printer,
      Path cursorFile,
      Long maxEvents,
      boolean follow,
      CommitEvery commitEvery,
      Duration idleBackoff)
      throws InterruptedException {
    AtomicLong printed = new AtomicLong();
    CountDownLatch reachedMax = new CountDownLatch(1);
    Poller[] self = new Poller[1];
    Poller poller =
        builder
            .cursorStore(CursorStore.singleFile(cursorFile))
            .commitEvery(commitEvery)
            .idleBackoff(idleBackoff)
            .handler(
                event -> {
                  printer.handle(event);
                  if (maxEvents != null && printed.incrementAndGet() >= maxEvents) {
                    self[0].close(Duration.ZERO); // nothing is handed over after this event
                    reachedMax.countDown();
                  }
                })
            .build();
    self[0] = poller;
    if (maxEvents != null && maxEvents == 0) {
      return 0;
    }
    if (!follow) {
      poller.drain();
      poller.close();
      return 0;
    }
    Thread hook = new Thread(() -> poller.close(Duration.ofSeconds(5)), "eventsync-tail-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    poller.start();
    while (!reachedMax.await(200, TimeUnit.MILLISECONDS)) {
      if (poller.state() == PollerState.HALTED) {
        throw new IllegalStateException(poller.failure().getMessage(), poller.failure());
      }
    }
    poller.close(Duration.ofSeconds(10));
    Runtime.getRuntime().removeShutdownHook(hook);
    return 0;
  }
}
