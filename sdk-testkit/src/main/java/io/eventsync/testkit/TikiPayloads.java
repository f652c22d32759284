package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Generated Tiki event payloads, one shape per documented event type (wire-reference §1.4). */
final class TikiPayloads {
  static final String ORDER_CREATED = "ORDER_CREATED_SUCCESSFULLY";
  static final String ORDER_STATUS_UPDATED = "ORDER_STATUS_UPDATED";
  static final String PRICE_UPDATED = "PRODUCT_PRICE_UPDATED";
  static final String MARKET_PRICE_UPDATED = "PRODUCT_MARKET_PRICE_UPDATED";
  static final String INVENTORY_UPDATED = "PRODUCT_INVENTORY_UPDATED";

  private static final String[] STATUSES = {
    "queueing",
    "processing",
    "picking",
    "packaging",
    "finished_packing",
    "ready_to_ship",
    "handover_to_partner",
    "shipping",
    "successful_delivery",
    "complete",
    "canceled"
  };

  private TikiPayloads() {}

  /** The payload schema version of {@code type}: {@code v2} for inventory, else {@code v1}. */
  static String version(String type) {
    return INVENTORY_UPDATED.equals(type) ? "v2" : "v1";
  }

  /** A plausible payload of {@code type}; unknown types get an empty object. */
  static Map<String, Object> generate(String type, Ids ids) {
    Map<String, Object> p = new LinkedHashMap<>();
    String orderCode = Integer.toString(100_000_000 + ids.nextInt(900_000_000));
    long productId = 10_000_000L + ids.nextInt(90_000_000);
    String sku = "SKU-" + ids.nextInt(100_000);
    switch (type) {
      case ORDER_CREATED:
        p.put("order_code", orderCode);
        p.put("status", "queueing");
        break;
      case ORDER_STATUS_UPDATED:
        p.put("order_code", orderCode);
        p.put("orderCode", orderCode);
        p.put("status", STATUSES[ids.nextInt(STATUSES.length)]);
        break;
      case PRICE_UPDATED:
        p.put("product_id", productId);
        p.put("original_sku", sku);
        p.put("price_from", Integer.toString(100_000 + ids.nextInt(900) * 1000));
        p.put("price_to", Integer.toString(100_000 + ids.nextInt(900) * 1000));
        break;
      case MARKET_PRICE_UPDATED:
        p.put("product_id", productId);
        p.put("original_sku", sku);
        p.put("market_price_from", Integer.toString(100_000 + ids.nextInt(900) * 1000));
        p.put("market_price_to", Integer.toString(100_000 + ids.nextInt(900) * 1000));
        break;
      case INVENTORY_UPDATED:
        int from = ids.nextInt(500);
        int to = ids.nextInt(500);
        int reserved = Math.min(from, to) / 10;
        p.put("product_id", productId);
        p.put("original_sku", sku);
        p.put("warehouse_id", 1 + ids.nextInt(20));
        p.put("quantity_from", from);
        p.put("quantity_to", to);
        p.put("quantity_available_from", from - reserved);
        p.put("quantity_available_to", to - reserved);
        p.put("quantity_reserved_from", reserved);
        p.put("quantity_reserved_to", reserved);
        p.put("quantity_sellable_from", from - reserved);
        p.put("quantity_sellable_to", to - reserved);
        break;
      default:
        break;
    }
    return p;
  }
}
