package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * The API families the client wraps, each with its own base URL. A family's base URL is the one set
 * for it with {@link EventSyncClient.Builder#baseUrl(Api, String)}, else the one set for all with
 * {@link EventSyncClient.Builder#baseUrl(String)}, else the vendor's documented production host.
 */
public enum Api {
  /** The Tiki Open API event queue ({@code /integration/v1/queues}). */
  EVENT_QUEUE("Tiki event queue", "https://api.tiki.vn"),
  /** TikiNOW Smart Logistics webhook registration ({@code /business/v1/register-webhooks}). */
  FULFILLMENT("TikiNOW fulfillment", "https://api.tikinow.vn"),
  /** The Puro.earth events log ({@code /saleschannel-services/v1/events}); no documented host. */
  EVENT_LOG("Puro.earth events log", null),
  /**
   * The Wishlist Co. Event Collector ({@code /api/v1/...}); the default host and service prefix are
   * inferred from the vendor's JavaScript SDK.
   */
  COLLECTOR(
      "Wishlist Co. event collector", "https://api.au-aws.thewishlist.io/services/eventcollector"),
  /** Hii Retail incoming customer orders; the tenant's host is not documented. */
  CUSTOMER_ORDERS("Hii Retail customer orders", null);

  private final String displayName;
  private final @Nullable String defaultBaseUrl;

  Api(String displayName, @Nullable String defaultBaseUrl) {
    this.displayName = displayName;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** Returns the vendor's production base URL, or null where the vendor documents none. */
  public @Nullable String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** Returns a human-readable name, for messages. */
  public String displayName() {
    return displayName;
  }
}
