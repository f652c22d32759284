package io.eventsync.orders;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.internal.Json;

/** The JSON adapters of this package, created once. */
final class Adapters {
  private Adapters() {}

  static final JsonAdapter<CustomerOrder> ORDER = Json.adapter(CustomerOrder.class);
  static final JsonAdapter<CustomerOrderUpdate> UPDATE = Json.adapter(CustomerOrderUpdate.class);
}
