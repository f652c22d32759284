/**
 * The eventsync core: the typed client of the five event APIs ({@link
 * io.eventsync.EventSyncClient}), credentials, errors and retries, the poller and its stores.
 *
 * <p>{@code io.eventsync.internal} is not API: it is exported to the SDK's own webhooks and testkit
 * modules only (their thread factory and shared helpers). Moshi reads and writes the wire records
 * reflectively, so the packages that hold them are open to it; the records name their wire fields
 * with Moshi's {@code @Json}, so Moshi is read transitively.
 */
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.eventsync.core {
  requires transitive okhttp3;
  requires transitive java.sql;
  requires transitive com.squareup.moshi; // the wire records carry its @Json(name = ...)
  requires okio;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.retry;
  requires org.slf4j;
  requires java.management; // the file cursor lock names the process holding it
  requires static transitive org.jspecify;

  exports io.eventsync;
  exports io.eventsync.auth;
  exports io.eventsync.collector;
  exports io.eventsync.eventlog;
  exports io.eventsync.fulfillment;
  exports io.eventsync.jdbc;
  exports io.eventsync.orders;
  exports io.eventsync.poll;
  exports io.eventsync.queue;
  exports io.eventsync.internal to
      io.eventsync.webhooks,
      io.eventsync.testkit;

  opens io.eventsync.collector to
      com.squareup.moshi;
  opens io.eventsync.eventlog to
      com.squareup.moshi;
  opens io.eventsync.fulfillment to
      com.squareup.moshi;
  opens io.eventsync.internal to
      com.squareup.moshi;
  opens io.eventsync.orders to
      com.squareup.moshi;
  opens io.eventsync.poll to
      com.squareup.moshi;
  opens io.eventsync.queue to
      com.squareup.moshi;
}
