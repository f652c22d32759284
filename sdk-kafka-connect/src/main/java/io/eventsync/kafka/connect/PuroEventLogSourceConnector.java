package io.eventsync.kafka.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A source connector of the Puro.earth events log: every row becomes one record of the topic
 * ({@value PuroEventLogSourceConfig#DEFAULT_TOPIC} by default), in {@code createdAt} order, keyed
 * by the row id, its value the row as JSON with the raw details, its headers {@code eventsync.id},
 * {@code eventsync.type} and {@code eventsync.created_at}, its timestamp the row's {@code
 * createdAt}.
 *
 * <p>One task per log. The source partition is the base URL and {@code puro.account}; the source
 * offset is the tie-safe watermark of the SDK's {@code EventLogApi} ({@code createdAt} and the ids
 * seen at it). On a worker with {@code exactly.once.source.support=enabled} a {@code
 * read_committed} consumer sees every row once; without it delivery is at least once.
 */
public final class PuroEventLogSourceConnector extends SourceConnector {
  private Map<String, String> props;

  /** Creates a connector; Connect configures it through {@link #start}. */
  public PuroEventLogSourceConnector() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new PuroEventLogSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return PuroEventLogSourceTask.class;
  }

  /** One task: a log is one ordered stream. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return PuroEventLogSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return Configs.validateWhole(
        super.validate(connectorConfigs),
        () -> new PuroEventLogSourceConfig(connectorConfigs),
        PuroEventLogSourceConfig.TOKEN);
  }

  /** Supported: the offset is the log's tie-safe cursor. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Unsupported: use the default {@code transaction.boundary=poll}, one page per transaction. */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }
}
