/**
 * The eventsync sandbox: a stateful emulation of the five event APIs with fault injection ({@link
 * io.eventsync.testkit.EventSyncSandbox}), and its JUnit 5 extension, which needs JUnit at run time
 * only if it is used.
 */
@SuppressWarnings("requires-automatic")
module io.eventsync.testkit {
  requires transitive io.eventsync.core; // sandbox.client() returns an EventSyncClient
  requires io.eventsync.webhooks;
  requires mockwebserver3;
  requires okhttp3;
  requires okio;
  requires com.squareup.moshi;
  requires org.slf4j;
  requires static org.junit.jupiter.api; // EventSyncSandboxExtension only
  requires static transitive org.jspecify;

  exports io.eventsync.testkit;

  opens io.eventsync.testkit to
      com.squareup.moshi;
}
