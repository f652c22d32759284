package io.eventsync.poll;

import io.eventsync.Sleeper;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poller's life: its {@link PollerState}, the first halt's cause (the first halt wins), the stop
 * request of {@code close()}, the background loop's thread, the pauses that a stop cuts short, and
 * the poller's hold on a file cursor. Thread-safe; its lock is held only briefly and never while
 * calling another part.
 */
final class PollerLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final String stream;
  private final CursorStore store;
  private final Sleeper sleeper;
  private final ListenerCalls listener;
  private final Object lock = new Object();

  private PollerState state = PollerState.NEW;
  private Throwable failure;
  private boolean background;
  private Thread loopThread;
  private Thread pausing; // the thread in pause(), if any
  private FileCursorLock cursorLock; // this poller's hold on a file cursor, once taken
  private volatile boolean stopping;

  PollerLifecycle(String stream, CursorStore store, Sleeper sleeper, ListenerCalls listener) {
    this.stream = stream;
    this.store = store;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /** Starts {@code loop} on a thread of {@code threads}; the poller runs in the background. */
  void startBackground(Runnable loop, ThreadFactory threads) {
    synchronized (lock) {
      enterBackgroundLocked();
      loopThread = threads.newThread(loop);
      loopThread.start();
    }
  }

  /**
   * Marks the poller running in the background on a {@link PollerGroup}'s threads, which drive its
   * loop; {@code start} runs under this part's lock, after the checks and the cursor's claim.
   */
  void startScheduled(Runnable start) {
    synchronized (lock) {
      enterBackgroundLocked();
      start.run();
    }
  }

  private void enterBackgroundLocked() {
    checkUsable("start");
    if (background) {
      throw new IllegalStateException("poller of stream \"" + stream + "\" is already started");
    }
    claimCursorLocked();
    background = true;
    state = PollerState.RUNNING;
  }

  /** Marks the poller running for a poll on the caller's thread. */
  void enterCallerThread(String operation) {
    synchronized (lock) {
      checkUsable(operation);
      if (background) {
        throw new IllegalStateException(
            "poller of stream \""
                + stream
                + "\" runs in the background; do not also poll it directly");
      }
      claimCursorLocked();
      state = PollerState.RUNNING;
    }
  }

  /** Takes the stream's file cursor, if not yet held (a replay reads the cursor too). */
  void claimCursor() {
    synchronized (lock) {
      claimCursorLocked();
    }
  }

  /** Gives the stream's file cursor up, if held: the next poll claims it again. */
  void releaseCursor() {
    synchronized (lock) {
      releaseCursorLocked();
    }
  }

  PollerState state() {
    synchronized (lock) {
      return state;
    }
  }

  Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  /** Returns the cause of the halt, or null if the poller has not halted. */
  Throwable haltCause() {
    synchronized (lock) {
      return state == PollerState.HALTED ? failure : null;
    }
  }

  boolean isHalted() {
    synchronized (lock) {
      return state == PollerState.HALTED;
    }
  }

  /**
   * Halts the poller unless it has halted already (the first halt wins): gives the file cursor up
   * so that a new poller may take over at once, logs {@code message} and tells the listener.
   *
   * @return true if this call halted the poller
   */
  boolean halt(Throwable cause, String message) {
    synchronized (lock) {
      if (state == PollerState.HALTED) {
        return false;
      }
      state = PollerState.HALTED;
      failure = cause;
      releaseCursorLocked();
    }
    log.warn("{}", message);
    listener.halted(cause);
    return true;
  }

  /** True once {@code close()} began: fetch nothing more, hand over nothing new. */
  boolean stopping() {
    return stopping;
  }

  /** Asks the poller to stop after the current event, from a handler of its own. */
  void requestStop() {
    synchronized (lock) {
      stopping = true;
    }
  }

  /**
   * Stops the poller: nothing new is fetched or handed over and a pause ends at once (only a pause
   * is interrupted, never a handler). Returns the background loop's thread, or null.
   */
  Thread stop() {
    synchronized (lock) {
      stopping = true;
      if (pausing != null) {
        pausing.interrupt();
      }
      return loopThread;
    }
  }

  /** Marks the poller closed and gives up its file cursor. */
  void closed() {
    synchronized (lock) {
      state = PollerState.CLOSED;
      releaseCursorLocked(); // a thread left behind cannot commit over a newer poller's version
    }
  }

  /** Waits {@code duration} with the poller's sleeper, or less if the poller is stopped. */
  void pause(Duration duration) {
    synchronized (lock) {
      if (stopping) {
        return;
      }
      pausing = Thread.currentThread();
    }
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      if (!stopping) {
        Thread.currentThread().interrupt();
      }
    } finally {
      synchronized (lock) {
        pausing = null;
        if (stopping) {
          Thread.interrupted(); // the interrupt was ours, for this pause only
        }
      }
    }
  }

  private void checkUsable(String operation) {
    if (state == PollerState.HALTED) {
      throw new IllegalStateException(
          "poller of stream \""
              + stream
              + "\" halted ("
              + failure
              + "); build a new one to resume");
    }
    if (state == PollerState.CLOSED || stopping) {
      throw new IllegalStateException(
          "poller of stream \"" + stream + "\" is closed; cannot " + operation);
    }
  }

  private void claimCursorLocked() {
    if (cursorLock == null && state != PollerState.CLOSED && store instanceof FileCursorStore) {
      cursorLock = ((FileCursorStore) store).claim(stream);
    }
  }

  private void releaseCursorLocked() {
    if (cursorLock != null) {
      cursorLock.close();
      cursorLock = null;
    }
  }
}
