package io.eventsync.poll;

/** When the poller commits its checkpoint. */
public enum CommitEvery {
  /**
   * After each fetched batch (the default): one store write per batch; a crash hands over again the
   * events of the batch in flight that were handled but not yet committed.
   */
  BATCH,
  /**
   * After each handled event: one store write per event; a crash hands over again at most the one
   * event in flight.
   */
  EVENT
}
