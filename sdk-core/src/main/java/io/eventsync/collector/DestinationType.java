package io.eventsync.collector;

/** Where a subscription delivers ({@code destination.type}). */
public enum DestinationType {
  /** An AWS SQS queue. */
  SQS,
  /** An AWS SNS topic. */
  SNS,
  /** A value this SDK version does not know; never sent. */
  UNKNOWN
}
