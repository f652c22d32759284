package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.collector.CollectorApi;
import io.eventsync.collector.Destination;
import io.eventsync.collector.EntityType;
import io.eventsync.collector.EventSubscription;
import io.eventsync.collector.SqsSettings;
import java.util.List;

/**
 * Subscribes an SQS queue to a tenant's wishlist events, lists the active subscriptions, and
 * deactivates the new one. Environment: {@code EVENTSYNC_BASE_URL}, {@code EVENTSYNC_TOKEN}, {@code
 * EVENTSYNC_TENANT}, {@code EVENTSYNC_SQS_URL}, {@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY} (sandbox values when unset).
 */
public final class ManageCollectorSubscriptionsExample {
  private ManageCollectorSubscriptionsExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv())) {
      SqsSettings sqs =
          new SqsSettings(
              System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
              System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "example-secret"),
              System.getenv()
                  .getOrDefault(
                      "EVENTSYNC_SQS_URL", "https://sqs.ap-southeast-2.amazonaws.com/1/wishlists"),
              "ap-southeast-2");
      String tenant = System.getenv().getOrDefault("EVENTSYNC_TENANT", "example-tenant");
      List<EventSubscription> active = manageCollectorSubscriptions(env.client(), tenant, sqs);
      System.out.println(active.size() + " active subscriptions before deactivation: " + active);
    }
  }

  /** Creates a wishlist subscription, returns the active ones, then deactivates the new one. */
  public static List<EventSubscription> manageCollectorSubscriptions(
      EventSyncClient client, String tenant, SqsSettings sqs) {
    CollectorApi collector = client.collector(tenant);
    EventSubscription created =
        collector
            .subscriptions()
            .create(
                EventSubscription.builder(EntityType.WISHLIST, Destination.sqs(sqs))
                    .subscribeCreate(true)
                    .subscribeChange(true)
                    .subscribeDelete(true)
                    .build());
    System.out.println("created " + created); // the AWS credentials are redacted
    List<EventSubscription> active = collector.subscriptions().list();
    collector.subscriptions().deactivate(created.id());
    return active;
  }
}
