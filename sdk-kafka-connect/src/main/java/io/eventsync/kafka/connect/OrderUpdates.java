package io.eventsync.kafka.connect;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import io.eventsync.orders.AdditionalInformation;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.InvoicePaymentInstructions;
import io.eventsync.orders.OrderItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a record value into a customer-order update: {@code {"businessUnitId": "...", "version":
 * 7, "customerOrder": {...}}}, as a JSON string or bytes, or as the map a schemaless {@code
 * JsonConverter} makes. {@code version} is optional.
 */
final class OrderUpdates {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private OrderUpdates() {}

  /**
   * Returns the update a record value holds.
   *
   * @throws IllegalArgumentException if the value is not an update, saying which field is wrong
   */
  static CustomerOrderUpdate decode(Object value) {
    Map<?, ?> root = asMap(parse(value), "the record value");
    String businessUnitId = string(root, "businessUnitId", true);
    Map<?, ?> order = asMap(root.get("customerOrder"), "customerOrder");
    CustomerOrder.Builder builder =
        CustomerOrder.builder(
            string(order, "customerOrderId", true),
            string(order, "customerId", true),
            CustomerOrderStatus.of(string(order, "status", true)));
    BigDecimal down = decimal(order, "minimumDownPaymentAmount", false);
    if (down != null) {
      builder.minimumDownPaymentAmount(down);
    }
    Object locked = order.get("isLocked");
    if (locked instanceof Boolean) {
      builder.locked((Boolean) locked);
    } else if (locked != null) {
      throw new IllegalArgumentException("customerOrder.isLocked must be a boolean: " + locked);
    }
    Object invoice = order.get("invoicePaymentInstructions");
    if (invoice != null) {
      Map<?, ?> map = asMap(invoice, "customerOrder.invoicePaymentInstructions");
      List<AdditionalInformation> extra = null;
      Object lines = map.get("additionalInformation");
      if (lines != null) {
        extra = new ArrayList<>();
        for (Object line : asList(lines, "additionalInformation")) {
          Map<?, ?> l = asMap(line, "additionalInformation[]");
          extra.add(
              new AdditionalInformation(
                  string(l, "id", false),
                  string(l, "value", false),
                  string(l, "displayText", false),
                  string(l, "receiptLabel", false)));
        }
      }
      builder.invoicePaymentInstructions(
          new InvoicePaymentInstructions(
              string(map, "customerAccountId", false),
              decimal(map, "invoicingAmount", false),
              extra));
    }
    for (Object item : asList(order.get("items"), "customerOrder.items")) {
      Map<?, ?> i = asMap(item, "customerOrder.items[]");
      builder.item(
          new OrderItem(
              string(i, "itemId", true),
              decimal(i, "quantityOrdered", true),
              decimal(i, "unitPrice", true)));
    }
    CustomerOrder built = builder.build();
    Object version = root.get("version");
    if (version == null) {
      return CustomerOrderUpdate.of(businessUnitId, built);
    }
    if (!(version instanceof Number) || ((Number) version).doubleValue() % 1 != 0) {
      throw new IllegalArgumentException("version must be a whole number: " + version);
    }
    return CustomerOrderUpdate.of(businessUnitId, built, ((Number) version).longValue());
  }

  private static Object parse(Object value) {
    String text;
    if (value instanceof Map) {
      return value;
    } else if (value instanceof String) {
      text = (String) value;
    } else if (value instanceof byte[]) {
      text = new String((byte[]) value, StandardCharsets.UTF_8);
    } else {
      throw new IllegalArgumentException(
          "the record value must be JSON text, bytes or a map (a schemaless JsonConverter), not "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    try {
      return JSON.fromJson(text);
    } catch (JsonEncodingException | JsonDataException e) {
      throw new IllegalArgumentException("the record value is not JSON: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("the record value is not JSON: " + e.getMessage());
    }
  }

  private static Map<?, ?> asMap(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object but is " + describe(value));
    }
    return (Map<?, ?>) value;
  }

  private static List<?> asList(Object value, String what) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(what + " must be a JSON array but is " + describe(value));
    }
    return (List<?>) value;
  }

  private static String string(Map<?, ?> map, String field, boolean required) {
    Object value = map.get(field);
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException(field + " is missing");
      }
      return null;
    }
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(field + " must be a string but is " + describe(value));
    }
    return (String) value;
  }

  private static BigDecimal decimal(Map<?, ?> map, String field, boolean required) {
    Object value = map.get(field);
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException(field + " is missing");
      }
      return null;
    }
    try {
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        // JSON numbers parse as doubles: 2 stays 2 (not 2.0), 9.5 stays 9.5
        return d == Math.rint(d) && Math.abs(d) < 1e15
            ? BigDecimal.valueOf((long) d)
            : BigDecimal.valueOf(d);
      }
      if (value instanceof Number || value instanceof String) {
        return new BigDecimal(value.toString());
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException(field + " must be a number but is " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "missing" : value.getClass().getSimpleName() + " " + value;
  }
}
