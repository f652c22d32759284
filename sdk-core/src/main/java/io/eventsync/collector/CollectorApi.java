package io.eventsync.collector;

import io.eventsync.EventSyncClient;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiFactories;
import java.util.Objects;

/**
 * The Wishlist Co. Event Collector for one tenant: {@link #events()}, {@link #subscriptions()} and
 * {@link #jobs()}. Every call carries the tenant in {@code X-TWC-Tenant}; the collector keeps each
 * tenant's data apart. Obtain an instance from {@link EventSyncClient#collector(String)}; it is
 * immutable and thread-safe.
 *
 * <p>Values are checked before sending: a missing or invalid field fails with an {@link
 * IllegalArgumentException} naming the wire field and the bad value, and nothing is sent.
 */
public final class CollectorApi {
  static {
    ApiFactories.register(CollectorApi.class, CollectorApi::new);
  }

  private final TenantCalls calls;

  /**
   * Creates the API for one tenant.
   *
   * @throws IllegalArgumentException if {@code tenantId} is blank or not printable ASCII
   */
  private CollectorApi(ApiContext context, String tenantId) {
    Objects.requireNonNull(context, "context == null");
    ApiContext.requireId(tenantId, "tenantId");
    if (!tenantId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "tenantId must be printable ASCII without spaces but was \"" + tenantId + "\"");
    }
    this.calls = new TenantCalls(context, tenantId);
  }

  /** Returns the tenant every call is made for. */
  public String tenantId() {
    return calls.tenantId();
  }

  /** Returns the tenant's events. */
  public EventsApi events() {
    return new EventsApi(calls);
  }

  /** Returns the tenant's event subscriptions. */
  public SubscriptionsApi subscriptions() {
    return new SubscriptionsApi(calls);
  }

  /** Returns the tenant's notification jobs. */
  public JobsApi jobs() {
    return new JobsApi(calls);
  }
}
