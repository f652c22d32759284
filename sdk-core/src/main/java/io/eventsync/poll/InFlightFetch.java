package io.eventsync.poll;

import io.eventsync.internal.CallCanceller;
import java.util.function.Supplier;

/**
 * A poller's fetches, which {@link Poller#close} can cancel: the HTTP call in flight is cancelled
 * (a hanging request, connect or TLS handshake ends at once) and the fetching thread interrupted (a
 * wait between the client's retries ends too). Once cancelled, every later fetch is cancelled as it
 * starts. Thread-safe.
 */
final class InFlightFetch {
  private final CallCanceller calls = new CallCanceller();
  private Thread fetching; // the thread in run(), if any
  private boolean cancelled;

  /** Runs {@code fetch} on this thread, cancellable by {@link #cancel()}. */
  <T> T run(Supplier<T> fetch) {
    synchronized (this) {
      fetching = Thread.currentThread();
    }
    try {
      return calls.run(fetch);
    } finally {
      synchronized (this) {
        fetching = null;
        if (cancelled) {
          Thread.interrupted(); // an interrupt from cancel() was for the fetch only
        }
      }
    }
  }

  /** Cancels the fetch in flight and all later ones; returns true if one was in flight. */
  synchronized boolean cancel() {
    cancelled = true;
    calls.cancel();
    if (fetching == null) {
      return false;
    }
    fetching.interrupt();
    return true;
  }
}
