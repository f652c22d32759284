package io.eventsync.eventlog;

import io.eventsync.internal.Json;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Puro.earth events log.
 *
 * @param id the row's unique id (a cuid)
 * @param eventType the type; unknown types are kept
 * @param createdAt when the row was written to the log: the paging key; null rows cannot be reached
 *     by any cursor and are reported instead of delivered
 * @param eventAt when the change took effect, or null
 * @param details the type-specific details exactly as received, or null
 */
public record LogEvent(
    String id,
    LogEventType eventType,
    @Nullable Instant createdAt,
    @Nullable Instant eventAt,
    @Nullable String details) {

  /**
   * Returns the details of a {@link LogEventType#TRANSACTION_STATUS_CHANGE} row, or null for other
   * types. Fields the log does not carry are null; the raw details stay in {@link #details()}.
   */
  public @Nullable TransactionStatusChange transactionStatusChange() {
    if (!LogEventType.TRANSACTION_STATUS_CHANGE.equals(eventType) || details == null) {
      return null;
    }
    Object root;
    try {
      root = Json.decode(Json.adapter(Object.class), details, "transaction status change details");
    } catch (io.eventsync.DecodingException e) {
      return new TransactionStatusChange(null, null, null);
    }
    if (!(root instanceof Map)) {
      return new TransactionStatusChange(null, null, null);
    }
    Map<?, ?> map = (Map<?, ?>) root;
    return new TransactionStatusChange(
        first(map, "transactionId", "transaction_id", "id"),
        first(map, "previousStatus", "oldStatus", "fromStatus"),
        first(map, "status", "newStatus", "toStatus"));
  }

  private static @Nullable String first(Map<?, ?> map, String... keys) {
    for (String key : keys) {
      Object value = map.get(key);
      if (value instanceof String) {
        return (String) value;
      }
    }
    return null;
  }

  /**
   * A typed view of a transaction status change. Puro.earth does not document the details' schema;
   * this view reads the common spellings ({@code transactionId}, {@code previousStatus} or {@code
   * oldStatus}, {@code status} or {@code newStatus}).
   *
   * @param transactionId the transaction, or null
   * @param previousStatus the status before, or null
   * @param status the status after ({@code PENDING}, {@code SUCCESS}, ...), or null
   */
  public record TransactionStatusChange(
      @Nullable String transactionId, @Nullable String previousStatus, @Nullable String status) {}
}
