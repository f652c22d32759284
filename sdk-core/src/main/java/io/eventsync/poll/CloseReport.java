package io.eventsync.poll;

/**
 * What {@link Poller#close(java.time.Duration)} did.
 *
 * @param clean true if every phase finished in time: fetching stopped, the event in flight
 *     finished, the checkpoint committed and the poller's threads ended
 * @param handled events handled over the poller's life
 * @param lastCommitted the last committed checkpoint (what a new poller resumes from)
 * @param abandonedThreads poller threads still alive when the time ran out (0 if clean)
 */
public record CloseReport(
    boolean clean, long handled, Checkpoint lastCommitted, int abandonedThreads) {}
