package io.eventsync.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's one way to make its own threads: daemon threads (they never keep the JVM alive) with a
 * name that says whose they are. Thread-safe.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Returns a factory of daemon threads named {@code prefix-1}, {@code prefix-2}, and so on. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> newThread(runnable, prefix + "-" + count.incrementAndGet());
  }

  /** Returns a new, unstarted daemon thread called {@code name}. */
  public static Thread newThread(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
