package io.eventsync.collector;

/** Where a collector event comes from ({@code event_source}). */
public enum EventSource {
  /** The platform itself. */
  SYSTEM,
  /** A connector (an integration). */
  CONNECTOR,
  /** An application. */
  APPLICATION,
  /** A serverless function. */
  SERVERLESS,
  /** A value this SDK version does not know; never sent. */
  UNKNOWN
}
