package io.eventsync.collector;

/**
 * The AWS queue and credentials of a subscription's destination ({@code destination.sqs}). The
 * collector documents only this block, for SQS and SNS destinations alike, and echoes the
 * credentials back in its answers: {@link #toString()} never shows {@code accessKey} or {@code
 * accessSecret}, and the SDK redacts both from its logs.
 *
 * @param accessKey the AWS access key id
 * @param accessSecret the AWS secret access key
 * @param queueUrl the queue's URL ({@code https://sqs.<region>.amazonaws.com/<account>/<name>})
 * @param region the AWS region ({@code ap-southeast-2})
 */
public record SqsSettings(String accessKey, String accessSecret, String queueUrl, String region) {
  /** Returns the settings with {@code accessKey} and {@code accessSecret} redacted. */
  @Override
  public String toString() {
    return "SqsSettings[accessKey=██, accessSecret=██, queueUrl="
        + queueUrl
        + ", region="
        + region
        + "]";
  }

  void validate(String field) {
    Checks.requiredText(accessKey, field + ".accessKey");
    Checks.requiredText(accessSecret, field + ".accessSecret");
    Checks.requiredText(queueUrl, field + ".queueUrl");
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(queueUrl);
    if (url == null) {
      throw new IllegalArgumentException(
          field + ".queueUrl must be an http or https URL but was \"" + queueUrl + "\"");
    }
    Checks.requiredText(region, field + ".region");
  }
}
