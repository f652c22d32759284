package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.testkit.EventSyncSandbox;
import java.util.Map;

/**
 * Where an example runs: against real endpoints when {@code EVENTSYNC_BASE_URL} and {@code
 * EVENTSYNC_TOKEN} are set, else against an embedded sandbox that the example fills with data.
 */
final class ExampleEnvironment implements AutoCloseable {
  private final EventSyncSandbox sandbox;
  private final EventSyncClient client;

  private ExampleEnvironment(EventSyncSandbox sandbox, EventSyncClient client) {
    this.sandbox = sandbox;
    this.client = client;
  }

  /** Reads {@code EVENTSYNC_BASE_URL} and {@code EVENTSYNC_TOKEN}; starts a sandbox if unset. */
  static ExampleEnvironment from(Map<String, String> env) {
    String baseUrl = env.get("EVENTSYNC_BASE_URL");
    if (baseUrl == null || baseUrl.isBlank()) {
      EventSyncSandbox sandbox = EventSyncSandbox.start();
      System.out.println(
          "(no EVENTSYNC_BASE_URL: running against an embedded sandbox at " + sandbox.url() + ")");
      return new ExampleEnvironment(sandbox, sandbox.clientBuilder().build());
    }
    String token = env.get("EVENTSYNC_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException(
          "EVENTSYNC_BASE_URL is set, so EVENTSYNC_TOKEN must be set too");
    }
    return new ExampleEnvironment(
        null,
        EventSyncClient.builder().baseUrl(baseUrl).credentials(Credentials.bearer(token)).build());
  }

  /** The client to use. */
  EventSyncClient client() {
    return client;
  }

  /** The embedded sandbox, or null against real endpoints. */
  EventSyncSandbox sandbox() {
    return sandbox;
  }

  @Override
  public void close() {
    client.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
