/**
 * eventsync webhooks: verify, parse and receive signed webhooks ({@link
 * io.eventsync.webhooks.WebhookReceiver}, {@link io.eventsync.webhooks.WebhookVerifier}). The
 * servlet adapter needs {@code jakarta.servlet} at run time only if it is used.
 */
@SuppressWarnings("requires-automatic")
module io.eventsync.webhooks {
  requires transitive io.eventsync.core;
  requires com.squareup.moshi;
  requires okio;
  requires org.slf4j;
  // WebhookServlet only; an application that uses it requires jakarta.servlet itself
  requires static jakarta.servlet;
  requires static transitive org.jspecify;

  exports io.eventsync.webhooks;

  opens io.eventsync.webhooks to
      com.squareup.moshi;
}
