package io.eventsync.poll;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poller's checkpoints: where handling stands ({@code current}, not necessarily committed) and
 * what the store holds ({@code committed}); the commit, on the caller's thread or overlapped with
 * the next fetch on a committer thread; and fencing: the lease's epoch goes with every commit, and
 * a lost lease or a takeover drops uncommitted progress so that it is loaded again. A failed commit
 * halts the poller through its {@link PollerLifecycle}. Thread-safe.
 */
final class Committer {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  /** A commit's result and how long the store took. */
  private record Stored(Checkpoint checkpoint, long nanos) {}

  private final String stream;
  private final CursorStore store;
  private final Lease lease;
  private final ThreadFactory threads;
  private final ListenerCalls listener;
  private final PollerLifecycle lifecycle;
  private final boolean overlapWorthIt;
  private final Object lock = new Object();

  private Checkpoint current; // handled position; null: load first
  private Checkpoint committed;
  private long leaseEpoch = -1;
  private long drops;

  /**
   * The commit overlapped with the next fetch, and what it commits; settled before handing over.
   */
  private Future<Stored> pending;

  private Checkpoint pendingSnapshot;
  private ThreadPoolExecutor committerThread;

  Committer(
      String stream,
      CursorStore store,
      Lease lease,
      ThreadFactory threads,
      ListenerCalls listener,
      PollerLifecycle lifecycle,
      boolean mayOverlap) {
    this.stream = stream;
    this.store = store;
    this.lease = lease;
    this.threads = threads;
    this.listener = listener;
    this.lifecycle = lifecycle;
    // The overlap hides a store's I/O behind the next fetch; a commit to memory takes less time
    // than handing it to the committer thread and back. A poller in a group has no thread of its
    // own for it.
    this.overlapWorthIt = mayOverlap && !(store instanceof InMemoryCursorStore);
  }

  /**
   * Takes or keeps the lease, if there is one. On a takeover the cursor is loaded again, as the
   * previous holder may have moved it. Returns false if another poller holds the lease.
   */
  boolean holdLease() {
    if (lease == null) {
      return true;
    }
    if (!lease.tryAcquire()) {
      synchronized (lock) {
        settleLocked();
        dropLocked(); // another poller is active; reload when this one takes over
      }
      lease.quiesced(); // nothing of this poller is in flight: the lease may be handed over
      return false;
    }
    synchronized (lock) {
      if (lease.epoch() != leaseEpoch) {
        settleLocked();
        leaseEpoch = lease.epoch();
        dropLocked();
      }
    }
    return true;
  }

  /** Returns true if the lease, if any, is still held: a handler may be handed an event. */
  boolean leaseHeld() {
    return lease == null || lease.isHeld();
  }

  /** Returns the position to fetch after, loading it from the store the first time. */
  Checkpoint resume() {
    synchronized (lock) {
      if (current == null) {
        current = committed = lease == null ? store.load(stream) : store.load(stream, leaseEpoch);
        log.debug("stream {} resumes from {}", stream, current);
      }
      return current;
    }
  }

  /** Loads the cursor if nothing is loaded yet, without a lease (a replay). */
  void loadForReplay() {
    synchronized (lock) {
      if (current == null) {
        current = committed = store.load(stream);
      }
    }
  }

  /** Settles the overlapped commit, if any, and returns the handled position. */
  Checkpoint settle() {
    synchronized (lock) {
      settleLocked();
      return current;
    }
  }

  /** Drops uncommitted progress: it is redelivered to whoever holds the lease. */
  void forget() {
    synchronized (lock) {
      dropLocked();
    }
  }

  /**
   * Returns how many times uncommitted progress was dropped (a lost lease, a takeover): a batch put
   * off before a drop must not go on after it.
   */
  long drops() {
    synchronized (lock) {
      return drops;
    }
  }

  private void dropLocked() {
    current = null;
    drops++;
  }

  /** Records {@code ids} as done; commits at once if {@code commitNow}. */
  void markDone(List<? extends PolledEvent<?>> events, boolean commitNow) {
    synchronized (lock) {
      for (PolledEvent<?> event : events) {
        current = current.withDone(event.id());
      }
      if (commitNow) {
        commitLocked(false);
      }
    }
  }

  /**
   * Runs {@code work} in the store's transaction that also commits {@code eventId} as done (a
   * transactional handler), and returns how long that took in nanoseconds.
   */
  long commitWith(String eventId, TransactionalCursorStore.Work work) throws Exception {
    Checkpoint next;
    synchronized (lock) {
      next = current.withDone(eventId);
    }
    long start = System.nanoTime();
    Checkpoint done = ((TransactionalCursorStore) store).commitWith(stream, next, token(), work);
    long nanos = System.nanoTime() - start;
    synchronized (lock) {
      current = committed = done;
    }
    listener.committed(done, nanos);
    return nanos;
  }

  /**
   * Ends a batch: if it was {@code complete}, moves to the batch's next position; then commits. If
   * {@code overlapped}, the commit runs on the committer thread while the next batch is fetched
   * (for the queue, that fetch acknowledges this batch, which is handled already).
   */
  void endBatch(
      boolean complete, String nextPosition, Collection<String> nextDoneIds, boolean overlapped) {
    synchronized (lock) {
      if (complete) {
        current = current.advance(nextPosition, nextDoneIds);
      }
      commitLocked(overlapped && overlapWorthIt);
    }
  }

  /** Commits what was handled unless the poller halted; a failure is logged (closing). */
  void commitQuietly() {
    synchronized (lock) {
      if (current == null || lifecycle.isHalted()) {
        return;
      }
      try {
        commitLocked(false);
      } catch (PollerHaltedException | LeaseLapsed e) {
        log.warn("final commit of stream {} failed: {}", stream, e.getMessage());
      }
    }
  }

  /** Halts the poller, first committing what was handled before the failure. */
  void haltKeepingProgress(Throwable cause, String message) {
    synchronized (lock) {
      if (lifecycle.isHalted()) {
        return;
      }
      if (current != null) {
        try {
          commitLocked(false);
        } catch (RuntimeException e) {
          log.warn("commit before halting stream {} failed: {}", stream, e.getMessage());
        }
      }
      lifecycle.halt(cause, message);
    }
  }

  /** Returns the committed checkpoint, loading it if nothing was committed or loaded yet. */
  Checkpoint checkpoint() {
    synchronized (lock) {
      settleQuietlyLocked();
      return committed != null ? committed : store.load(stream);
    }
  }

  /** Returns the last committed checkpoint, or null. */
  Checkpoint lastCommitted() {
    synchronized (lock) {
      return committed;
    }
  }

  /** Settles the overlapped commit quietly and lets the committer thread end. */
  void shutdown() {
    ThreadPoolExecutor thread;
    synchronized (lock) {
      settleQuietlyLocked();
      thread = committerThread;
    }
    if (thread != null) {
      thread.shutdown(); // idle: every commit it ran is settled
    }
  }

  private long token() {
    return lease == null ? 0 : lease.epoch();
  }

  private void commitLocked(boolean overlapped) {
    settleLocked();
    if (committed != null && current.samePlace(committed)) {
      return;
    }
    Checkpoint snapshot = current;
    long token = token();
    if (!overlapped) {
      Stored stored;
      try {
        stored = commitNow(snapshot, token);
      } catch (CursorStoreException e) {
        throw haltOnCommitFailure(e);
      }
      recordLocked(snapshot, stored);
      return;
    }
    if (committerThread == null) {
      committerThread =
          new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
      committerThread.allowCoreThreadTimeOut(true); // no idle thread left by an unclosed poller
    }
    pendingSnapshot = snapshot;
    pending = committerThread.submit(() -> commitNow(snapshot, token));
  }

  private Stored commitNow(Checkpoint snapshot, long token) {
    long start = System.nanoTime();
    Checkpoint stored = store.commit(stream, snapshot, token);
    return new Stored(stored, System.nanoTime() - start);
  }

  /** Waits for the overlapped commit, if any; a failed one halts the poller. */
  private void settleLocked() {
    Future<Stored> commit = pending;
    if (commit == null) {
      return;
    }
    pending = null;
    Checkpoint snapshot = pendingSnapshot;
    pendingSnapshot = null;
    Stored stored;
    try {
      stored = getUninterruptibly(commit);
    } catch (ExecutionException e) {
      throw haltOnCommitFailure(e.getCause());
    }
    recordLocked(snapshot, stored);
  }

  private void settleQuietlyLocked() {
    try {
      settleLocked();
    } catch (PollerHaltedException | LeaseLapsed e) {
      log.debug("background commit of stream {} failed: {}", stream, e.getMessage());
    }
  }

  private void recordLocked(Checkpoint handled, Stored stored) {
    committed = stored.checkpoint();
    if (current == handled) {
      current = committed; // the next commit compares against the new version
    }
    listener.committed(committed, stored.nanos());
  }

  /**
   * Returns true if {@code e} is the fence of a commit made after this poller's lease lapsed: the
   * stream's new holder hands the uncommitted events over again, so this poller only drops its
   * progress. (A fence while the lease still looks held, a paused process that has not noticed,
   * halts the poller.)
   */
  boolean fencedAfterLapse(Throwable e) {
    return e instanceof CheckpointConflictException && lease != null && !lease.isHeld();
  }

  private RuntimeException haltOnCommitFailure(Throwable e) {
    if (fencedAfterLapse(e)) {
      dropLocked();
      log.info(
          "commit of stream {} was fenced after its lease lapsed; the new holder hands the events"
              + " over again",
          stream);
      return new LeaseLapsed(e);
    }
    PollerHaltedException halt =
        e instanceof CheckpointConflictException
            ? new PollerHaltedException(e.getMessage(), stream, null, e)
            : new PollerHaltedException(
                "cannot commit the checkpoint of stream \""
                    + stream
                    + "\": "
                    + (e instanceof CursorStoreException ? e.getMessage() : e.toString()),
                stream,
                null,
                e);
    lifecycle.halt(e, halt.getMessage());
    return halt;
  }

  private static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true; // a commit is short and must be settled before anything else
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
