package io.eventsync.poll;

/**
 * What one poll did.
 *
 * @param fetched events fetched
 * @param handled events handled
 * @param skipped events skipped because the checkpoint records them as handled
 * @param deadLettered events stored as dead letters
 * @param caughtUp true if the stream had nothing more at the time (an empty or short batch)
 */
public record PollResult(
    int fetched, int handled, int skipped, int deadLettered, boolean caughtUp) {}
