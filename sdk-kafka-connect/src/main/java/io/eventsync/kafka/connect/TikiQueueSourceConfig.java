package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link TikiQueueSourceConnector} and its tasks. */
final class TikiQueueSourceConfig extends AbstractConfig {
  static final String BASE_URL = "tiki.base.url";
  static final String TOKEN = "tiki.token";
  static final String CLIENT_ID = "tiki.client.id";
  static final String CLIENT_SECRET = "tiki.client.secret";
  static final String QUEUES = "tiki.queues";
  static final String QUEUE_TOKENS = "tiki.queue.tokens";
  static final String TOPIC = "topic";
  static final String KEY = "key";
  static final String POLL_INTERVAL_MS = "poll.interval.ms";

  /** The task's own queues, set by the connector (a subset of {@link #QUEUES}). */
  static final String TASK_QUEUES = "task.queues";

  static final String DEFAULT_TOPIC = "tiki.events";
  static final String KEY_ORDER_CODE = "order_code";
  static final String KEY_EVENT_ID = "event_id";
  static final long DEFAULT_POLL_INTERVAL_MS = 1000;

  private static final ClientSettings CLIENT =
      new ClientSettings(BASE_URL, TOKEN, CLIENT_ID, CLIENT_SECRET, ClientCredentials::tiki);

  static final ConfigDef CONFIG_DEF =
      CLIENT
          .defineCredentials(
              CLIENT.defineBaseUrl(
                  new ConfigDef(),
                  "Base URL of the Tiki Open API, for example https://api.tiki.vn."),
              2,
              "Bearer access token of the app (an in-house app's token).",
              "OAuth client id; the token comes from the client credentials grant at the"
                  + " base URL's host (/sc/oauth2/token), refreshed before it expires.",
              "Client id",
              "OAuth client secret",
              "Client secret")
          .define(
              QUEUES,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Configs.NON_EMPTY_LIST,
              Importance.HIGH,
              "Codes of the queues to read, comma-separated. The connector spreads them over"
                  + " tasks.max tasks; each queue is read by one task, in order.",
              "Queues",
              1,
              ConfigDef.Width.LONG,
              "Queue codes")
          .define(
              QUEUE_TOKENS,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "For a hub reading many sellers' queues: per-queue bearer tokens as"
                  + " queueCode=token pairs, comma-separated. A listed queue is read with its"
                  + " token; the others with the connector's credentials.",
              "Queues",
              2,
              ConfigDef.Width.LONG,
              "Per-queue tokens")
          .define(
              TOPIC,
              Type.STRING,
              DEFAULT_TOPIC,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Topic the events are written to.",
              "Records",
              1,
              ConfigDef.Width.MEDIUM,
              "Topic")
          .define(
              KEY,
              Type.STRING,
              KEY_ORDER_CODE,
              ConfigDef.ValidString.in(KEY_ORDER_CODE, KEY_EVENT_ID),
              Importance.MEDIUM,
              "Record key: order_code (the order code of order events, else the event id) or"
                  + " event_id.",
              "Records",
              2,
              ConfigDef.Width.SHORT,
              "Key")
          .define(
              POLL_INTERVAL_MS,
              Type.LONG,
              DEFAULT_POLL_INTERVAL_MS,
              ConfigDef.Range.between(10, 3_600_000),
              Importance.LOW,
              "How long a queue that had nothing new, or failed to answer, waits before the next"
                  + " pull, in milliseconds.",
              "Records",
              3,
              ConfigDef.Width.SHORT,
              "Poll interval (ms)")
          .define(
              TASK_QUEUES,
              Type.LIST,
              List.of(),
              Importance.LOW,
              "Set by the connector: the queues of one task.");

  TikiQueueSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    credentials(); // fails fast on a missing or doubled credential
    queueTokens();
  }

  String baseUrl() {
    return CLIENT.baseUrl(this);
  }

  List<String> queues() {
    return getList(QUEUES);
  }

  List<String> taskQueues() {
    return getList(TASK_QUEUES);
  }

  String topic() {
    return getString(TOPIC);
  }

  boolean keyByOrderCode() {
    return KEY_ORDER_CODE.equals(getString(KEY));
  }

  long pollIntervalMs() {
    return getLong(POLL_INTERVAL_MS);
  }

  /** Returns the connector-wide credentials. */
  Credentials credentials() {
    return CLIENT.credentials(this);
  }

  /** Returns the per-queue tokens, by queue code. */
  Map<String, String> queueTokens() {
    String text = Configs.password(this, QUEUE_TOKENS);
    Map<String, String> tokens = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return tokens;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      String queue = eq < 0 ? "" : pair.substring(0, eq).trim();
      if (queue.isEmpty() || eq == pair.length() - 1) {
        throw new ConfigException(
            QUEUE_TOKENS
                + " must be queueCode=token pairs separated by commas; entry "
                + (tokens.size() + 1)
                + " is not");
      }
      if (!queues().contains(queue)) {
        throw new ConfigException(
            QUEUE_TOKENS + " names queue " + queue + ", which " + QUEUES + " does not list");
      }
      tokens.put(queue, pair.substring(eq + 1).trim());
    }
    return tokens;
  }

  /** Returns the client all of this task's queues share (per-queue tokens make views of it). */
  EventSyncClient client() {
    return CLIENT.client(this);
  }
}
