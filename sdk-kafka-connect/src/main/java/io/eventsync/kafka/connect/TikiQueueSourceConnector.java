package io.eventsync.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
public final class TikiQueueSourceConnector
    extends EventSyncSourceConnector<TikiQueueSourceConfig> {
  /** Creates a connector; Connect configures it through {@link #start}. */
  public TikiQueueSourceConnector() {
    super(
        TikiQueueSourceConfig.CONFIG_DEF,
        TikiQueueSourceConfig::new,
        TikiQueueSourceConfig.TOKEN,
        TikiQueueSourceTask.class);
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
}
