package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Subscriptions are checked before they are sent and never show their credentials. */
class EventSubscriptionTest {
  private static final String SECRET = "aws-secret-value-0002";

  private static SqsSettings sqs(String queueUrl, String region) {
    return new SqsSettings("AKIA2", SECRET, queueUrl, region);
  }

  @Test
  void subscriptionNeedsAnEntityTypeAndACompleteDestination() {
    String url = "https://sqs.ap-southeast-2.amazonaws.com/1/q";
    assertThatThrownBy(
            () ->
                EventSubscription.builder(EntityType.ORDER, new Destination(null, sqs(url, "r")))
                    .build())
        .hasMessage("destination.type is required");
    assertThatThrownBy(
            () ->
                EventSubscription.builder(
                        EntityType.ORDER, new Destination(DestinationType.SNS, null))
                    .build())
        .hasMessage("destination.sqs is required");
    assertThatThrownBy(
            () ->
                EventSubscription.builder(EntityType.ORDER, Destination.sqs(sqs("queue", "r")))
                    .build())
        .hasMessage("destination.sqs.queueUrl must be an http or https URL but was \"queue\"");
    assertThatThrownBy(
            () ->
                EventSubscription.builder(EntityType.ORDER, Destination.sns(sqs(url, ""))).build())
        .hasMessage("destination.sqs.region must not be blank but was \"\"");
    SqsSettings noSecret = new SqsSettings("AKIA2", null, url, "r");
    assertThatThrownBy(
            () -> EventSubscription.builder(EntityType.ORDER, Destination.sqs(noSecret)).build())
        .hasMessage("destination.sqs.accessSecret is required");
  }

  @Test
  void subscriptionToStringNeverShowsCredentials() {
    EventSubscription subscription =
        EventSubscription.builder(
                EntityType.WISHLIST, Destination.sqs(sqs("https://sqs.example/1/q", "eu-west-1")))
            .build();

    assertThat(subscription.toString()).doesNotContain(SECRET).doesNotContain("AKIA2");
    assertThat(subscription.toBuilder().build()).isEqualTo(subscription);
  }
}
