package io.eventsync.poll;

/**
 * A commit was fenced after the poller's lease lapsed (it was handed over, or its renewals failed
 * for longer than the TTL): another poller took the stream over and hands the uncommitted events
 * over again. Not a failure of this poller: it drops its progress and waits to hold the lease
 * again, as after a lease lost between batches. Thrown by the {@link Committer}, caught by the
 * {@link FetchLoop}; never reaches the user.
 */
final class LeaseLapsed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LeaseLapsed(Throwable fence) {
    super(fence.getMessage(), fence, false, false);
  }
}
