package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;

/** A source task's wait between polls, which a commit or {@link #stop} cuts short. */
final class PollWait {
  private final Object lock = new Object();
  private volatile boolean stopping;

  /** Returns whether {@link #stop} was called. */
  boolean stopping() {
    return stopping;
  }

  /** Waits up to {@code millis} (at least 0) unless the task is stopping or is woken. */
  void await(long millis) throws InterruptedException {
    synchronized (lock) {
      if (!stopping) {
        lock.wait(millis);
      }
    }
  }

  /** Ends the current wait. */
  void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Marks the task stopping, ends the current wait and closes {@code client} if there is one. */
  void stop(EventSyncClient client) {
    stopping = true;
    wake();
    if (client != null) {
      client.close();
    }
  }
}
