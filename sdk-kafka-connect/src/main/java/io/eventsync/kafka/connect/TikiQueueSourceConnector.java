package io.eventsync.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * A source connector of Tiki event queues: every event of the listed queues becomes one record of
 * the topic ({@value TikiQueueSourceConfig#DEFAULT_TOPIC} by default), in queue order, keyed by the
 * order code (else the event id), its value the event as JSON with the raw payload, its headers
 * {@code eventsync.id}, {@code eventsync.type} and {@code eventsync.created_at}, its timestamp the
 * event's time.
 *
 * <p>The queues are spread over {@code tasks.max} tasks, each queue read by exactly one. The source
 * partition is the queue ({@code {"queue": code}}); the source offset is the SDK's queue
 * checkpoint: the ack id last acknowledged and the ids written since. A batch is acknowledged to
 * Tiki only after Connect committed all its records. On a worker with {@code
 * exactly.once.source.support=enabled} a {@code read_committed} consumer sees every event once;
 * without it delivery is at least once, and a crash repeats at most the batches not yet committed.
 */
public final class TikiQueueSourceConnector extends SourceConnector {
  private Map<String, String> props;
  private TikiQueueSourceConfig config;

  /** Creates a connector; Connect configures it through {@link #start}. */
  public TikiQueueSourceConnector() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    this.config = new TikiQueueSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return TikiQueueSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<String> queues = config.queues();
    List<List<String>> groups =
        ConnectorUtils.groupPartitions(queues, Math.min(maxTasks, queues.size()));
    List<Map<String, String>> configs = new ArrayList<>(groups.size());
    for (List<String> group : groups) {
      Map<String, String> task = new HashMap<>(props);
      task.put(TikiQueueSourceConfig.TASK_QUEUES, String.join(",", group));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return TikiQueueSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return Configs.validateWhole(
        super.validate(connectorConfigs),
        () -> new TikiQueueSourceConfig(connectorConfigs),
        TikiQueueSourceConfig.TOKEN);
  }

  /** Supported: the offsets are the queue checkpoints and a batch is acknowledged after commit. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Unsupported: the tasks define no transaction boundaries of their own. Use the default {@code
   * transaction.boundary=poll}: each transaction then holds whole batches.
   */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }
}
