package io.eventsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncClient;
import io.eventsync.InvalidRequestException;
import io.eventsync.NotFoundException;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.testkit.EventSyncSandbox;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The typed queue calls against the sandbox. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventQueueApiIT {
  private EventSyncSandbox sandbox;
  private EventSyncClient client;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  @Test
  void createsListsSubscribesAndTogglesSubscriptions() {
    EventQueueApi api = client.eventQueue();
    Queue created = api.createQueue("orders");
    Subscription subscription = api.subscribe(created.code(), EventType.ORDER_CREATED_SUCCESSFULLY);

    assertThat(api.listQueues()).containsExactly(created);
    assertThat(created.status()).isEqualTo("ACTIVE");
    assertThat(subscription.sid()).isEqualTo(EventSyncSandbox.sid(EventSyncSandbox.DEV_SELLER_ID));
    assertThat(subscription.eventType()).isEqualTo(EventType.ORDER_CREATED_SUCCESSFULLY);

    Subscription off = api.setSubscriptionActive(created.code(), subscription.code(), false);
    assertThat(off.active()).isFalse();
    sandbox.emitTikiEvents("ORDER_CREATED_SUCCESSFULLY", 3);
    assertThat(api.pull(created.code(), null).events()).isEmpty();
    assertThat(api.listSubscriptions(created.code())).containsExactly(off);
  }

  @Test
  void pullAndAckFollowTheAckProtocol() {
    EventQueueApi api = client.eventQueue();
    String code = api.createQueue("q").code();
    api.subscribe(code, EventType.PRODUCT_PRICE_UPDATED);
    sandbox.emitTikiEvents("PRODUCT_PRICE_UPDATED", 60);

    EventBatch first = api.pull(code, null);
    EventBatch again = api.pull(code, null); // not acknowledged: the same events again
    assertThat(first.events()).hasSize(50);
    assertThat(again.events()).isEqualTo(first.events());
    assertThat(first.events().get(0).payload()).isInstanceOf(QueueEventPayload.PriceUpdated.class);

    EventBatch second = api.pull(code, again.ackId());
    assertThat(second.events()).hasSize(10);
    api.ack(code, second.ackId());
    assertThat(sandbox.unacknowledgedEvents(code)).isZero();
  }

  @Test
  void publicAppSubscribesWithTheSellersTokenAndPullsWithItsOwn() {
    ClientCredentials app =
        ClientCredentials.tiki(EventSyncSandbox.CLIENT_ID, EventSyncSandbox.CLIENT_SECRET)
            .tokenUrl(sandbox.url() + "/sc/oauth2/token")
            .build();
    try (EventSyncClient appClient = sandbox.clientBuilder().credentials(app).build()) {
      EventQueueApi api = appClient.eventQueue();
      String code = api.createQueue("public").code();
      Subscription sub =
          api.withCredentials(Credentials.bearer(sandbox.mintSellerToken("seller-a")))
              .subscribe(code, EventType.ORDER_STATUS_UPDATED);
      assertThat(sub.sid()).isEqualTo(EventSyncSandbox.sid("seller-a"));

      sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", "seller-a", null, 2);
      sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", "seller-b", null, 5);
      List<QueueEvent> events = api.pull(code, null).events();
      assertThat(events).hasSize(2).allMatch(e -> e.sid().equals(sub.sid()));
    }
  }

  @Test
  void unknownQueueAndTooManyQueuesAreTypedErrors() {
    EventQueueApi api = client.eventQueue();
    assertThatThrownBy(() -> api.pull("no-such-queue", null)).isInstanceOf(NotFoundException.class);
    for (int i = 0; i < 10; i++) {
      api.createQueue("q" + i);
    }
    assertThatThrownBy(() -> api.createQueue("q10"))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).errorCode()).isNotNull());
  }
}
