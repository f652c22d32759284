package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * Hii Retail incoming customer orders (wire-reference §3): {@code PUT
 * /business-units/{businessUnitId}/customer-orders/{customerOrderId}} with {@code {"customerOrder":
 * {...}}}, validated per the proxy contract's schema and answered 202.
 *
 * <p>PUTs are processed in arrival order, before the 202 is sent (so the state is readable as soon
 * as the answer arrives). Stale-guard: a PUT may carry {@value #VERSION_HEADER} (a non-negative
 * integer, for example the order's update sequence or epoch millis); a PUT whose version is below
 * the last processed version of the same order is ignored (answered 202 all the same, and counted).
 * A PUT without the header is applied in arrival order and leaves the last version as it was.
 * Guarded by this object's monitor.
 */
final class CustomerOrders {
  static final String VERSION_HEADER = "X-Event-Version";

  private static final class Order {
    Map<String, Object> customerOrder;
    Long version;
    int updates;
    int stale;
  }

  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final StatsRecorder stats;

  CustomerOrders(StatsRecorder stats) {
    this.stats = stats;
  }

  void routes(Router r) {
    String path = "/business-units/{businessUnitId}/customer-orders/{customerOrderId}";
    r.add("PUT", path, Api.CUSTOMER_ORDERS, TokenStore.Scope.HII, this::put);
    r.add("GET", path, Api.CUSTOMER_ORDERS, TokenStore.Scope.HII, this::get);
  }

  synchronized void reset() {
    orders.clear();
  }

  private static String key(String businessUnitId, String customerOrderId) {
    return businessUnitId + "\u0000" + customerOrderId;
  }

  private MockResponse put(SandboxRequest req) {
    String id = req.param("customerOrderId");
    Long version = version(req.header(VERSION_HEADER));
    JsonFields order = req.json().object("customerOrder");
    validate(order, id);
    synchronized (this) {
      Order state = orders.computeIfAbsent(key(req.param("businessUnitId"), id), k -> new Order());
      if (version != null && state.version != null && version < state.version) {
        state.stale++;
        stats.staleCustomerOrdersIgnored.increment();
      } else {
        state.customerOrder = order.asMap();
        state.version = version != null ? version : state.version;
        state.updates++;
        stats.customerOrdersProcessed.increment();
      }
    }
    return Responses.empty(202);
  }

  private MockResponse get(SandboxRequest req) {
    CustomerOrderRecord order = order(req.param("businessUnitId"), req.param("customerOrderId"));
    if (order == null) {
      throw SandboxError.notFound(
          "customer order " + req.param("customerOrderId") + " does not exist");
    }
    return Responses.json(200, Map.of("customerOrder", order.customerOrder()));
  }

  private static @Nullable Long version(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long version = Long.parseLong(header.trim());
      if (version >= 0) {
        return version;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw SandboxError.badRequest(VERSION_HEADER + " must be a non-negative integer: " + header);
  }

  private static void validate(JsonFields order, String pathId) {
    String id = order.string("customerOrderId");
    if (!id.equals(pathId)) {
      throw SandboxError.badRequest(
          "customerOrder.customerOrderId " + id + " does not match the path's " + pathId);
    }
    order.string("customerId");
    order.string("status");
    if (order.has("minimumDownPaymentAmount")) {
      order.number("minimumDownPaymentAmount");
    }
    if (order.has("isLocked")) {
      order.bool("isLocked");
    }
    List<?> items = order.array("items");
    for (int i = 0; i < items.size(); i++) {
      JsonFields item = order.element("items", items, i);
      item.string("itemId");
      item.number("quantityOrdered");
      item.number("unitPrice");
    }
    if (order.has("invoicePaymentInstructions")) {
      JsonFields invoice = order.object("invoicePaymentInstructions");
      invoice.string("customerAccountId");
      invoice.number("invoicingAmount");
      if (invoice.has("additionalInformation")) {
        List<?> info = invoice.array("additionalInformation");
        for (int i = 0; i < info.size(); i++) {
          JsonFields entry = invoice.element("additionalInformation", info, i);
          for (String field : List.of("id", "value", "displayText", "receiptLabel")) {
            entry.string(field);
          }
        }
      }
    }
  }

  /** The state of one order, or null if no PUT for it was processed. */
  synchronized @Nullable CustomerOrderRecord order(String businessUnitId, String customerOrderId) {
    Order order = orders.get(key(businessUnitId, customerOrderId));
    if (order == null || order.customerOrder == null) {
      return null;
    }
    return new CustomerOrderRecord(
        businessUnitId,
        customerOrderId,
        order.customerOrder,
        order.version,
        order.updates,
        order.stale);
  }
}
