package io.eventsync.orders;

import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncException;
import io.eventsync.PermissionException;
import io.eventsync.internal.DaemonThreads;
import io.eventsync.internal.KeyedSequentialExecutor;
import io.eventsync.internal.Transience;
import io.eventsync.poll.DeadLetter;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link CustomerOrderPublisher#publish} run. Orders with the same key (business unit and order
 * id) form a lane that one task sends in input order, so the same order is never in flight twice;
 * lanes run on {@code concurrency} threads; at most {@code window} orders are read ahead.
 */
final class PublishRun {
  private static final Logger log = LoggerFactory.getLogger(CustomerOrderPublisher.class);
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** An order of the input with its place in it. */
  private record Item(long index, CustomerOrderUpdate update) {}

  private final CustomerOrderPublisher publisher;
  private final PublishProgress progress;
  private final ExecutorService pool;
  private final KeyedSequentialExecutor lanes;
  private final int window;
  private final Semaphore permits;
  private volatile Throwable halt;

  PublishRun(CustomerOrderPublisher publisher, PublishProgress progress) {
    this.publisher = publisher;
    this.progress = progress;
    this.window = publisher.concurrency() * 32;
    this.permits = new Semaphore(window);
    int run = RUNS.incrementAndGet();
    this.pool =
        Executors.newFixedThreadPool(
            publisher.concurrency(), DaemonThreads.numbered("eventsync-order-publisher-" + run));
    this.lanes = new KeyedSequentialExecutor(pool, publisher.concurrency());
  }

  PublishStats run(Iterator<CustomerOrderUpdate> input) {
    long index = 0;
    try {
      while (halt == null && input.hasNext()) {
        CustomerOrderUpdate update = input.next();
        long at = index++;
        if (progress.isDone(at)) {
          progress.skipped();
          continue;
        }
        if (update == null) {
          throw new NullPointerException("the input has null at position " + at);
        }
        permits.acquire();
        enqueue(new Item(at, update));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt(e);
    } catch (RuntimeException e) {
      halt(e); // the input failed: stop cleanly, keeping what was confirmed
    } finally {
      permits.acquireUninterruptibly(window); // every lane has drained
      pool.shutdown();
    }
    return finish();
  }

  private PublishStats finish() {
    try {
      if (halt == null) {
        progress.finish();
      } else {
        progress.commit();
      }
    } catch (EventSyncException e) {
      halt(e);
    }
    PublishStats stats = progress.report();
    if (halt != null) {
      throw new PublishHaltedException(
          "publishing to stream \""
              + publisher.stream()
              + "\" stopped after "
              + stats.sent()
              + " sent and "
              + stats.failed()
              + " failed: "
              + halt.getMessage()
              + "; a new run with the same input resumes after the confirmed orders",
          halt,
          stats);
    }
    return stats;
  }

  private void halt(Throwable cause) {
    synchronized (this) {
      if (halt == null) {
        halt = cause;
      }
    }
  }

  private void enqueue(Item item) {
    lanes.execute(item.update().key(), () -> sendInTurn(item));
  }

  /** Runs on the order's lane, after the orders of the same key before it. */
  private void sendInTurn(Item item) {
    try {
      if (halt == null) {
        send(item);
      }
    } catch (RuntimeException | Error e) {
      halt(e);
    } finally {
      permits.release();
    }
  }

  /** Sends one order with the publisher's attempts; a failure goes to the sink or halts. */
  private void send(Item item) {
    RuntimeException last = null;
    int attempts = 0;
    for (int round = 1; round <= publisher.maxAttempts(); round++) {
      try {
        publisher.api().put(item.update());
      } catch (AuthenticationException | PermissionException e) {
        throw e; // every order would fail alike: stop the run rather than dead-letter them all
      } catch (IllegalArgumentException e) { // invalid order: no retry can fix it
        last = e;
        attempts++;
        break;
      } catch (EventSyncException e) {
        last = e;
        attempts += e.attempts();
        if (!Transience.isTransient(e) || round == publisher.maxAttempts() || !pause(round)) {
          break;
        }
        continue;
      }
      progress.sent(item.index()); // outside the try: a failed commit is not a failed PUT
      return;
    }
    deadLetter(item, last, attempts);
  }

  private boolean pause(int round) {
    try {
      publisher.sleeper().sleep(publisher.retryPolicy().backoff(round));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void deadLetter(Item item, RuntimeException error, int attempts) {
    CustomerOrderUpdate update = item.update();
    String id = update.key() + (update.version() == null ? "" : "@" + update.version());
    if (publisher.deadLetters() == null) {
      halt(
          new EventSyncException(
              "order "
                  + id
                  + " (input position "
                  + item.index()
                  + ") failed and no dead-letter sink is set",
              error,
              attempts));
      return;
    }
    log.debug(
        "order {} failed after {} attempts; dead-lettered: {}", id, attempts, error.toString());
    publisher
        .deadLetters()
        .accept(
            new DeadLetter(
                publisher.stream(),
                id,
                "customerOrder",
                Adapters.UPDATE.toJson(update),
                error.getClass().getSimpleName() + ": " + error.getMessage(),
                attempts,
                publisher.clock().instant()));
    progress.failed(item.index());
  }
}
