package io.eventsync.kafka.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A sink connector that PUTs customer-order updates to Hii Retail with the SDK. Each record value
 * is {@code {"businessUnitId": "...", "version": 7, "customerOrder": {...}}} (JSON text, or a map
 * from a schemaless {@code JsonConverter}); the version goes in the {@code X-Event-Version} header.
 * Records are sent one at a time in partition order, so updates of one key (keep the order id as
 * the key) arrive in order.
 *
 * <p>Faults that may pass are retried by the SDK and then by Connect (the batch is delivered again
 * after {@code retry.backoff.ms}); a permanent failure goes to Connect's errant record reporter
 * (with {@code errors.tolerance=all}, the dead-letter topic {@code
 * errors.deadletterqueue.topic.name}). Without a reporter the task fails: no record is dropped
 * silently.
 */
public final class HiiCustomerOrdersSinkConnector extends SinkConnector {
  private Map<String, String> props;

  /** Creates a connector; Connect configures it through {@link #start}. */
  public HiiCustomerOrdersSinkConnector() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new HiiCustomerOrdersSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return HiiCustomerOrdersSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return HiiCustomerOrdersSinkConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return Configs.validateWhole(
        super.validate(connectorConfigs),
        () -> new HiiCustomerOrdersSinkConfig(connectorConfigs),
        HiiCustomerOrdersSinkConfig.TOKEN);
  }
}
