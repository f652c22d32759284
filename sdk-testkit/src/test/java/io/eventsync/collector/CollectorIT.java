package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncClient;
import io.eventsync.NotFoundException;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.EventSyncSandboxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The collector's typed calls against the sandbox. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(EventSyncSandboxExtension.class)
class CollectorIT {
  private static final String ACCESS_SECRET = "aws-secret-from-sandbox-test-01";

  /** A typed payload. */
  public record Customer(String name, String city) {}

  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @BeforeEach
  void setUp(EventSyncSandbox sandbox) {
    this.sandbox = sandbox;
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static Destination sqs() {
    return Destination.sqs(
        new SqsSettings(
            "AKIASANDBOX01",
            ACCESS_SECRET,
            "https://sqs.ap-southeast-2.amazonaws.com/123/wishlist",
            "ap-southeast-2"));
  }

  @Test
  void eventsRoundTripWithTheirBase64PayloadIntact() {
    Customer customer = new Customer("Zoë Ærø", "東京");
    CollectorEvent created =
        client
            .collector("tenant-a")
            .events()
            .create(
                CollectorEvent.builder(CollectorEventType.ENTITY_EVENT, "cust-1")
                    .entityName("customer")
                    .eventSource(EventOrigin.CONNECTOR)
                    .payload(
                        EventPayload.builder()
                            .entityId("cust-1")
                            .operation(Operation.CREATE)
                            .payload(customer)
                            .faultJson("{\"reason\":\"none — ok\"}")
                            .keyAttribute("correlationId", "c-1")
                            .build())
                    .build());

    CollectorEvent read = client.collector("tenant-a").events().get(created.id());

    assertThat(read).isEqualTo(created);
    assertThat(read.eventPayload().payload(Customer.class)).isEqualTo(customer);
    assertThat(read.eventPayload().faultJson()).isEqualTo("{\"reason\":\"none — ok\"}");
    assertThat(read.eventPayload().keyAttributes()).containsEntry("correlationId", "c-1");
  }

  @Test
  void tenantsNeverSeeEachOthersData() {
    CollectorApi a = client.collector("tenant-a");
    CollectorApi b = client.collector("tenant-b");
    CollectorEvent event =
        a.events().create(CollectorEvent.builder(CollectorEventType.FAULT, "x").build());
    EventSubscription subscription =
        a.subscriptions().create(EventSubscription.builder(EntityType.ORDER, sqs()).build());
    Job job = a.jobs().create(Job.builder(Notification.REMINDER, "0 9 * * MON", "d-1").build());

    assertThatThrownBy(() -> b.events().get(event.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> b.subscriptions().get(subscription.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> b.subscriptions().deactivate(subscription.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> b.jobs().delete(job.id())).isInstanceOf(NotFoundException.class);
    assertThat(b.subscriptions().list()).isEmpty();
    assertThat(a.subscriptions().list()).containsExactly(subscription);
    assertThat(sandbox.collectorJob("tenant-b", job.id())).isNull();
  }

  @Test
  void subscriptionsAreCreatedUpdatedListedAndDeactivated() {
    SubscriptionsApi subscriptions = client.collector("tenant-a").subscriptions();
    EventSubscription created =
        subscriptions.create(
            EventSubscription.builder(EntityType.WISHLIST, sqs()).subscribeCreate(true).build());

    EventSubscription updated =
        subscriptions.update(created.toBuilder().subscribeDelete(true).build());
    subscriptions.deactivate(created.id());

    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.subscribeDelete()).isTrue();
    assertThat(subscriptions.get(created.id()).active()).isFalse();
    assertThat(subscriptions.list()).isEmpty();
    assertThat(created.destination().sqs().accessSecret()).isEqualTo(ACCESS_SECRET);
    assertThat(created.toString() + updated).doesNotContain(ACCESS_SECRET);
  }

  @Test
  void jobsAreCreatedUpdatedAndSoftDeleted() {
    JobsApi jobs = client.collector("tenant-a").jobs();
    Job created =
        jobs.create(
            Job.builder(Notification.PRICE_DROP, "0 0 9 * * MON-FRI", "d-1")
                .parameters(new JobParameters("spring", "email"))
                .numberOfItemsInEmail(3)
                .build());

    Job updated = jobs.update(created.id(), created.toBuilder().schedule("30 8 * * *").build());
    jobs.delete(created.id());

    assertThat(updated.schedule()).isEqualTo("30 8 * * *");
    assertThat(updated.numberOfItemsInEmail()).isEqualTo(3);
    Map<String, Object> stored = sandbox.collectorJob("tenant-a", created.id());
    assertThat(stored).containsEntry("deleted", true).containsEntry("schedule", "30 8 * * *");
    assertThatThrownBy(() -> jobs.update(created.id(), updated))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"* * * * *", "*/15 0-6,22-23 1 JAN-mar 0", "0 0 12 ? * SUN", "0 0/5 14 * * ?"})
  void theSandboxAcceptsEveryScheduleTheSdkAccepts(String schedule) {
    Job job =
        client
            .collector("tenant-a")
            .jobs()
            .create(Job.builder(Notification.LOW_STOCK, schedule, "d-1").build());

    assertThat(job.schedule()).isEqualTo(schedule);
  }
}
