package io.eventsync.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * Lets another thread cancel the HTTP calls that {@link HttpCore} makes for one piece of work (a
 * poller's fetch): {@link #run} marks the current thread, {@link HttpCore} registers each call it
 * makes there, and {@link #cancel()} cancels the call in flight and every later one at once. A
 * cancelled call is never retried. Thread-safe; one instance per piece of work.
 */
public final class CallCanceller {
  private static final ThreadLocal<CallCanceller> CURRENT = new ThreadLocal<>();

  private @Nullable Call call; // the call in flight on the running thread, if any
  private final List<Socket> sockets = new ArrayList<>(); // opened by the work while it runs
  private boolean cancelled;

  /** Runs {@code work} on this thread; calls it makes through {@link HttpCore} can be cancelled. */
  public <T> T run(Supplier<T> work) {
    CallCanceller outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      CURRENT.set(outer);
      synchronized (this) {
        call = null;
        sockets.clear(); // pooled connections outlive the work; only cancel() may close them
      }
    }
  }

  /**
   * Cancels the call in flight, if any, and every call the work makes from now on; closes the
   * sockets the work opened, so a connect or TLS handshake in progress ends too.
   */
  public void cancel() {
    Call inFlight;
    List<Socket> opened;
    synchronized (this) {
      cancelled = true;
      inFlight = call;
      opened = new ArrayList<>(sockets);
    }
    if (inFlight != null) {
      inFlight.cancel();
    }
    opened.forEach(CallCanceller::closeQuietly);
  }

  /** Returns true once {@link #cancel()} was called. */
  public synchronized boolean cancelled() {
    return cancelled;
  }

  /**
   * Registers {@code socket}, created on this thread, with the canceller running here, if any, and
   * returns it; closes it at once if that canceller was cancelled.
   */
  static Socket track(Socket socket) {
    CallCanceller canceller = CURRENT.get();
    if (canceller == null) {
      return socket;
    }
    boolean cancelNow;
    synchronized (canceller) {
      canceller.sockets.add(socket);
      cancelNow = canceller.cancelled;
    }
    if (cancelNow) {
      closeQuietly(socket);
    }
    return socket;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is wanted; the work's own read or write fails and says why
    }
  }

  /** Registers {@code call}, made on this thread, with the canceller running here, if any. */
  static void track(Call call) {
    CallCanceller canceller = CURRENT.get();
    if (canceller == null) {
      return;
    }
    boolean cancelNow;
    synchronized (canceller) {
      canceller.call = call;
      cancelNow = canceller.cancelled;
    }
    if (cancelNow) {
      call.cancel();
    }
  }
}
