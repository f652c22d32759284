package io.eventsync.collector;

import java.util.Objects;

/**
 * Where a subscription delivers: an SQS queue or an SNS topic, with the AWS settings in {@code sqs}
 * for both (the only block the collector documents).
 *
 * @param type the destination type
 * @param sqs the AWS queue and credentials
 */
public record Destination(DestinationType type, SqsSettings sqs) {
  /** Returns an SQS destination. */
  public static Destination sqs(SqsSettings settings) {
    return new Destination(
        DestinationType.SQS, Objects.requireNonNull(settings, "settings == null"));
  }

  /** Returns an SNS destination. */
  public static Destination sns(SqsSettings settings) {
    return new Destination(
        DestinationType.SNS, Objects.requireNonNull(settings, "settings == null"));
  }

  void validate() {
    Checks.required(type, "destination.type");
    Checks.required(sqs, "destination.sqs");
    sqs.validate("destination.sqs");
  }
}
