package io.eventsync.queue;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.internal.Json;
import java.util.List;

/** The JSON adapters of this package, created once. */
final class Adapters {
  private Adapters() {}

  static final JsonAdapter<Object> ANY = Json.adapter(Object.class);
  static final JsonAdapter<QueueEventPayload.PriceUpdated> PRICE =
      Json.adapter(QueueEventPayload.PriceUpdated.class);
  static final JsonAdapter<QueueEventPayload.MarketPriceUpdated> MARKET_PRICE =
      Json.adapter(QueueEventPayload.MarketPriceUpdated.class);
  static final JsonAdapter<QueueEventPayload.InventoryUpdated> INVENTORY =
      Json.adapter(QueueEventPayload.InventoryUpdated.class);
  static final JsonAdapter<Queue> QUEUE = Json.adapter(Queue.class);
  static final JsonAdapter<List<Queue>> QUEUES = Json.listAdapter(Queue.class);
  static final JsonAdapter<Subscription> SUBSCRIPTION = Json.adapter(Subscription.class);
  static final JsonAdapter<List<Subscription>> SUBSCRIPTIONS = Json.listAdapter(Subscription.class);
  static final JsonAdapter<EventBatch> BATCH = Json.adapter(EventBatch.class);
  static final JsonAdapter<QueueEvent> EVENT = Json.adapter(QueueEvent.class);
}
