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
 * its body), kept instead of OkHttp's: OkHttp puts each call on okio's watchdog queue, at its head
 * when no other call is in flight, which wakes the watchdog thread once per call. One keeper per
 * timeout, but one thread for every client of the process (a hub derives a client per seller with
 * {@code withCredentials}; each must not bring a thread of its own). The thread sleeps until the
 * oldest deadline and is woken only by a call whose deadline is earlier than that (a client with a
 * shorter timeout); it cancels the calls that passed their deadlines (marking their {@link
 * CallTag}, so that the caller reports {@code InterruptedIOException: timeout} as OkHttp does) and
 * ends when it wakes with no call in flight, to be started again by the next call. Thread-safe.
 */
final class CallDeadlines {
  static final String THREAD_NAME = "eventsync-http-deadlines";

  private static final Map<Call, Kept> IN_FLIGHT = new ConcurrentHashMap<>();
  private static final Object LOCK = new Object();
  private static @Nullable Thread watchdog; // guarded by LOCK; null when not running
  private static long sleepsUntil; // guarded by LOCK: the deadline the watchdog sleeps towards
  private static long starts; // guarded by LOCK: calls started, so a scan knows it missed one

  private final long timeoutNanos;

  private record Kept(long deadline, CallTag tag) {}

  /**
   * Returns the keeper of calls that time out after {@code timeoutMillis}, or null for calls
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
    long deadline = System.nanoTime() + timeoutNanos;
    IN_FLIGHT.put(call, new Kept(deadline, tag));
    synchronized (LOCK) {
      starts++;
      if (watchdog == null) {
        sleepsUntil = deadline;
        watchdog = DaemonThreads.newThread(CallDeadlines::watch, THREAD_NAME);
        watchdog.start();
      } else if (deadline - sleepsUntil < 0) {
        sleepsUntil = deadline;
        LockSupport.unpark(watchdog); // a shorter timeout than the one it sleeps for
      }
    }
  }

  /** Ends {@code call}'s deadline: its response is closed, or it failed. */
  void end(Call call) {
    IN_FLIGHT.remove(call);
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

  private static void watch() {
    while (true) {
      long scanned;
      synchronized (LOCK) {
        scanned = starts;
      }
      long now = System.nanoTime();
      long oldest = 0;
      boolean any = false;
      for (Map.Entry<Call, Kept> entry : IN_FLIGHT.entrySet()) {
        Kept kept = entry.getValue();
        if (kept.deadline - now <= 0) {
          kept.tag.timedOut = true; // before the cancel, so the caller sees it with the failure
          entry.getKey().cancel();
          IN_FLIGHT.remove(entry.getKey(), kept);
        } else if (!any || kept.deadline - oldest < 0) {
          oldest = kept.deadline;
          any = true;
        }
      }
      synchronized (LOCK) {
        if (starts != scanned) {
          continue; // a call started during the scan, perhaps unseen: scan again
        }
        if (!any) {
          watchdog = null; // the next call starts a new one
          return;
        }
        sleepsUntil = oldest;
      }
      LockSupport.parkNanos(CallDeadlines.class, oldest - now);
    }
  }
}
