package io.eventsync.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * The call timeout of the calls {@link HttpCore} makes (one attempt, from its start to the end of
 * its body), kept by one thread per client instead of OkHttp's: OkHttp puts each call on okio's
 * watchdog queue, at its head when no other call is in flight, which wakes the watchdog thread once
 * per call. Every call of a client has the same timeout, so a new call's deadline is never earlier
 * than one already kept and never needs to wake this thread: it sleeps until the oldest deadline,
 * cancels the calls that passed theirs (marking their {@link CallTag}, so that the caller reports
 * {@code InterruptedIOException: timeout} as OkHttp does) and ends when no call is in flight, to be
 * started again by the next call. Thread-safe.
 */
final class CallDeadlines {
  static final String THREAD_NAME = "eventsync-http-deadlines";

  private final long timeoutNanos;
  private final Map<Call, Kept> inFlight = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private @Nullable Thread watchdog; // guarded by lock; null when no call is in flight
  private boolean closed; // guarded by lock

  private record Kept(long deadline, CallTag tag) {}

  /**
   * Returns the deadlines of calls that time out after {@code timeoutMillis}, or null for calls
   * without a timeout (0).
   */
  static @Nullable CallDeadlines of(long timeoutMillis) {
    return timeoutMillis <= 0
        ? null
        : new CallDeadlines(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
  }

  private CallDeadlines(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  /** Takes over {@code call}'s timeout (OkHttp's own is cleared) before it is executed. */
  void start(Call call, CallTag tag) {
    call.timeout().clearTimeout();
    inFlight.put(call, new Kept(System.nanoTime() + timeoutNanos, tag));
    synchronized (lock) {
      if (watchdog == null && !closed) {
        watchdog = DaemonThreads.newThread(this::watch, THREAD_NAME);
        watchdog.start();
      }
    }
  }

  /** Ends {@code call}'s deadline: its response is closed, or it failed. */
  void end(Call call) {
    inFlight.remove(call);
  }

  /** Ends the thread; the calls in flight are cancelled by the caller. */
  void close() {
    Thread thread;
    synchronized (lock) {
      closed = true;
      thread = watchdog;
    }
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Returns what a call whose deadline passed throws instead of {@code e} (the cancelled call's
   * failure), as OkHttp's call timeout does: {@code InterruptedIOException: timeout}, caused by it.
   */
  static IOException timedOut(IOException e) {
    InterruptedIOException timeout = new InterruptedIOException("timeout");
    timeout.initCause(e);
    return timeout;
  }

  private void watch() {
    while (true) {
      long now = System.nanoTime();
      long oldest = Long.MAX_VALUE;
      boolean any = false;
      for (Map.Entry<Call, Kept> entry : inFlight.entrySet()) {
        Kept kept = entry.getValue();
        if (kept.deadline - now <= 0) {
          kept.tag.timedOut = true; // before the cancel, so the caller sees it with the failure
          entry.getKey().cancel();
          inFlight.remove(entry.getKey(), kept);
        } else if (!any || kept.deadline - oldest < 0) {
          oldest = kept.deadline;
          any = true;
        }
      }
      synchronized (lock) {
        if (closed || (!any && inFlight.isEmpty())) {
          watchdog = null;
          return;
        }
      }
      if (any) {
        LockSupport.parkNanos(this, oldest - now);
      }
    }
  }
}
