package io.eventsync.collector;

/** What happened to the entity of a collector event ({@code event_payload.operation}). */
public enum Operation {
  /** One entity was created. */
  CREATE,
  /** Several entities were updated. */
  BULK_UPDATE,
  /** Several entities were created. */
  BULK_CREATE,
  /** An entity was read. */
  READ,
  /** An entity was deleted. */
  DELETE,
  /** An entity was updated. */
  UPDATE,
  /** A value this SDK version does not know; never sent. */
  UNKNOWN
}
