package io.eventsync.queue;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The typed payload of a {@link QueueEvent}, one record per documented event type. Prices and
 * quantities are read leniently (numbers or numeric strings, as Tiki's documentation and real
 * events disagree). A payload of an unknown type, or one that does not fit, is an {@link Unknown}
 * that keeps the raw JSON.
 */
public sealed interface QueueEventPayload {
  /**
   * {@code ORDER_CREATED_SUCCESSFULLY}: the order reached status {@code queueing}.
   *
   * @param orderCode the order code
   * @param status the status, or null if absent or blank (real events often omit it)
   */
  record OrderCreated(String orderCode, @Nullable OrderStatus status)
      implements QueueEventPayload {}

  /**
   * {@code ORDER_STATUS_UPDATED}.
   *
   * @param orderCode the order code ({@code order_code}, or {@code orderCode} as some events carry)
   * @param status the new status ({@link OrderStatus#PICKING}, {@link OrderStatus#CANCELED}, ...;
   *     unknown statuses are kept), or null if absent or blank
   */
  record OrderStatusUpdated(String orderCode, OrderStatus status) implements QueueEventPayload {}

  /**
   * {@code PRODUCT_PRICE_UPDATED}.
   *
   * @param productId the Tiki product id
   * @param originalSku the seller's SKU
   * @param priceFrom the previous price, or null
   * @param priceTo the current price, or null
   */
  record PriceUpdated(
      @Json(name = "product_id") Long productId,
      @Json(name = "original_sku") String originalSku,
      @Json(name = "price_from") @Nullable BigDecimal priceFrom,
      @Json(name = "price_to") @Nullable BigDecimal priceTo)
      implements QueueEventPayload {}

  /**
   * {@code PRODUCT_MARKET_PRICE_UPDATED}.
   *
   * @param productId the Tiki product id
   * @param originalSku the seller's SKU
   * @param marketPriceFrom the previous market price, or null
   * @param marketPriceTo the current market price, or null
   */
  record MarketPriceUpdated(
      @Json(name = "product_id") Long productId,
      @Json(name = "original_sku") String originalSku,
      @Json(name = "market_price_from") @Nullable BigDecimal marketPriceFrom,
      @Json(name = "market_price_to") @Nullable BigDecimal marketPriceTo)
      implements QueueEventPayload {}

  /**
   * {@code PRODUCT_INVENTORY_UPDATED} (the v2 shape seen in real events). Every quantity may be
   * null when absent.
   *
   * @param productId the Tiki product id
   * @param originalSku the seller's SKU (may be empty)
   * @param warehouseId the warehouse
   * @param quantityFrom total quantity before
   * @param quantityTo total quantity after
   * @param quantityAvailableFrom available before
   * @param quantityAvailableTo available after
   * @param quantityReservedFrom reserved before
   * @param quantityReservedTo reserved after
   * @param quantitySellableFrom sellable before
   * @param quantitySellableTo sellable after
   */
  record InventoryUpdated(
      @Json(name = "product_id") Long productId,
      @Json(name = "original_sku") String originalSku,
      @Json(name = "warehouse_id") Long warehouseId,
      @Json(name = "quantity_from") @Nullable Long quantityFrom,
      @Json(name = "quantity_to") @Nullable Long quantityTo,
      @Json(name = "quantity_available_from") @Nullable Long quantityAvailableFrom,
      @Json(name = "quantity_available_to") @Nullable Long quantityAvailableTo,
      @Json(name = "quantity_reserved_from") @Nullable Long quantityReservedFrom,
      @Json(name = "quantity_reserved_to") @Nullable Long quantityReservedTo,
      @Json(name = "quantity_sellable_from") @Nullable Long quantitySellableFrom,
      @Json(name = "quantity_sellable_to") @Nullable Long quantitySellableTo)
      implements QueueEventPayload {}

  /**
   * A payload of a type this SDK version does not know, or that does not have the documented shape.
   *
   * @param type the event type
   * @param json the payload exactly as received, or null
   */
  record Unknown(EventType type, @Nullable String json) implements QueueEventPayload {}

  /** Decodes {@code json} as the payload of {@code type}; never throws for a bad payload. */
  static QueueEventPayload decode(EventType type, @Nullable String json) {
    if (json == null || type == null || !type.isKnown()) {
      return new Unknown(type, json);
    }
    try {
      if (type.equals(EventType.ORDER_CREATED_SUCCESSFULLY)
          || type.equals(EventType.ORDER_STATUS_UPDATED)) {
        Object root = io.eventsync.internal.Json.decode(Adapters.ANY, json, type + " payload");
        if (!(root instanceof Map)) {
          return new Unknown(type, json);
        }
        Map<?, ?> map = (Map<?, ?>) root;
        Object code = map.containsKey("order_code") ? map.get("order_code") : map.get("orderCode");
        String orderCode =
            code instanceof Double ? String.valueOf(((Double) code).longValue()) : (String) code;
        String statusText = (String) map.get("status");
        OrderStatus status =
            statusText == null || statusText.isBlank() ? null : OrderStatus.of(statusText);
        return type.equals(EventType.ORDER_CREATED_SUCCESSFULLY)
            ? new OrderCreated(orderCode, status)
            : new OrderStatusUpdated(orderCode, status);
      }
      JsonAdapter<? extends QueueEventPayload> adapter =
          type.equals(EventType.PRODUCT_PRICE_UPDATED)
              ? Adapters.PRICE
              : type.equals(EventType.PRODUCT_MARKET_PRICE_UPDATED)
                  ? Adapters.MARKET_PRICE
                  : Adapters.INVENTORY;
      return io.eventsync.internal.Json.decode(adapter, json, type + " payload");
    } catch (DecodingException | ClassCastException e) {
      return new Unknown(type, json);
    }
  }
}
