package io.eventsync.poll;

/**
 * What {@link Poller#replayDeadLetters()} did.
 *
 * @param replayed dead letters handled successfully and removed
 * @param stale dead letters skipped and removed because a newer version of the same entity was
 *     already processed
 * @param stillFailing dead letters that failed again and were kept
 */
public record ReplayReport(int replayed, int stale, int stillFailing) {}
