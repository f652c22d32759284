package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;

/** The version the connectors report to Connect: the SDK's. */
final class ConnectorVersion {
  static final String VERSION = EventSyncClient.VERSION;

  private ConnectorVersion() {}
}
