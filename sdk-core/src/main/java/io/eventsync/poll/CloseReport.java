package io.eventsync.poll;

/**
 * What {@link Poller#close(java.time.Duration)} did.
 *
 * @param clean true if every phase finished in time: fetching stopped, the event in flight
 *     finished, the checkpoint committed and the poller's threads ended
 * @param handled events handled over the poller's life
 * @param lastCommitted the last committed checkpoint (what a new poller resumes from)
 * @param abandonedThreads poller threads still alive when the time ran out (0 if clean)
 * @param abandoned what the poller was in the middle of and gave up: {@link Abandoned#FETCH} (a
 *     fetch in flight was cancelled; nothing of it was handed over), {@link Abandoned#EVENT} (a
 *     handler was still running when the time ran out; that event is handed over again to the next
 *     poller), {@link Abandoned#COMMIT} (the last commit did not finish in time; what it held is
 *     handed over again) or {@link Abandoned#NOTHING}
 */
public record CloseReport(
    boolean clean,
    long handled,
    Checkpoint lastCommitted,
    int abandonedThreads,
    Abandoned abandoned) {
  /** Creates a report that abandoned nothing. */
  public CloseReport(boolean clean, long handled, Checkpoint lastCommitted, int abandonedThreads) {
    this(clean, handled, lastCommitted, abandonedThreads, Abandoned.NOTHING);
  }

  /** What a poller was in the middle of when it was closed, and gave up. */
  public enum Abandoned {
    /** Nothing: the poller was between batches, or everything finished in time. */
    NOTHING,
    /**
     * A fetch in flight (a request that hung, a connection being set up, a wait between the
     * client's retries): cancelled at once. Nothing of it was handed over, so nothing is lost.
     */
    FETCH,
    /**
     * An event in a handler that did not finish in time: it is handed over again to the next poller
     * (at least once), unless the handler finishes before the process ends.
     */
    EVENT,
    /** The last commit did not finish in time: what it held may be handed over again. */
    COMMIT
  }
}
