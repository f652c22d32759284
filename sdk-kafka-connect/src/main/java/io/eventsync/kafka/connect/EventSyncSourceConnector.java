package io.eventsync.kafka.connect;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * What the source connectors share: the version, the config definition and its validation across
 * fields, a start that checks the config and keeps it, and exactly-once support with the default
 * transaction boundaries.
 *
 * @param <C> the connector's parsed config
 */
abstract class EventSyncSourceConnector<C extends AbstractConfig> extends SourceConnector {
  private final ConfigDef configDef;
  private final Function<Map<String, String>, C> parse;
  private final String credentialsKey;
  private final Class<? extends Task> taskClass;

  /** The props of the last {@link #start}, for the task configs. */
  Map<String, String> props;

  /** The config of the last {@link #start}. */
  C config;

  /**
   * @param credentialsKey the field that gets an error across fields that names none
   */
  EventSyncSourceConnector(
      ConfigDef configDef,
      Function<Map<String, String>, C> parse,
      String credentialsKey,
      Class<? extends Task> taskClass) {
    this.configDef = configDef;
    this.parse = parse;
    this.credentialsKey = credentialsKey;
    this.taskClass = taskClass;
  }

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    this.config = parse.apply(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return taskClass;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return configDef;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return Configs.validateWhole(
        super.validate(connectorConfigs), () -> parse.apply(connectorConfigs), credentialsKey);
  }

  /**
   * Supported: the offsets are the source's own cursors (a queue checkpoint, acknowledged to the
   * source only after commit, or the log's tie-safe watermark).
   */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Unsupported: the tasks define no transaction boundaries of their own. Use the default {@code
   * transaction.boundary=poll}: each transaction then holds whole batches (one page of a log).
   */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }
}
