package io.eventsync.kafka.connect;

import java.util.List;
import java.util.Map;

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
public final class PuroEventLogSourceConnector
    extends EventSyncSourceConnector<PuroEventLogSourceConfig> {
  /** Creates a connector; Connect configures it through {@link #start}. */
  public PuroEventLogSourceConnector() {
    super(
        PuroEventLogSourceConfig.CONFIG_DEF,
        PuroEventLogSourceConfig::new,
        PuroEventLogSourceConfig.TOKEN,
        PuroEventLogSourceTask.class);
  }

  /** One task: a log is one ordered stream. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }
}
