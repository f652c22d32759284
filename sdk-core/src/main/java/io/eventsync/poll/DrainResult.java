package io.eventsync.poll;

/**
 * What {@link Poller#drain()} did in total.
 *
 * @param polls batches fetched
 * @param handled events handled
 * @param skipped events skipped as already handled
 * @param deadLettered events stored as dead letters
 * @param checkpoint the last committed checkpoint
 */
public record DrainResult(
    long polls, long handled, long skipped, long deadLettered, Checkpoint checkpoint) {}
