/**
 * Kafka Connect connectors for the SDK's feeds: {@link
 * io.eventsync.kafka.connect.TikiQueueSourceConnector} (Tiki event queues), {@link
 * io.eventsync.kafka.connect.PuroEventLogSourceConnector} (the Puro.earth events log), both exactly
 * once on a worker with {@code exactly.once.source.support=enabled}, and {@link
 * io.eventsync.kafka.connect.HiiCustomerOrdersSinkConnector} (Hii Retail customer orders).
 *
 * <p>Install the plugin archive ({@code eventsync-kafka-connect-<version>-plugin.zip}) on the
 * worker's {@code plugin.path}; configure the connectors through the Connect REST API.
 */
package io.eventsync.kafka.connect;
