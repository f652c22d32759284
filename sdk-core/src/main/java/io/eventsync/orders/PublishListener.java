package io.eventsync.orders;

/**
 * Receives a {@link CustomerOrderPublisher}'s progress: at most once per progress interval while
 * orders complete, and once more when the run ends. Called from the publisher's threads, one call
 * at a time; it must return quickly and should not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface PublishListener {
  /** Reports the counts so far. */
  void onProgress(PublishStats stats);
}
