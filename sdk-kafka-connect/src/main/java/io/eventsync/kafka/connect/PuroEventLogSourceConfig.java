package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.eventlog.EventLogQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link PuroEventLogSourceConnector} and its task. */
final class PuroEventLogSourceConfig extends AbstractConfig {
  static final String BASE_URL = "puro.base.url";
  static final String ACCOUNT = "puro.account";
  static final String TOKEN = "puro.token";
  static final String API_KEY_ID = "puro.api.key.id";
  static final String API_KEY_SECRET = "puro.api.key.secret";
  static final String START = "puro.start";
  static final String PAGE_SIZE = "puro.page.size";
  static final String TOPIC = "topic";
  static final String POLL_INTERVAL_MS = "poll.interval.ms";

  static final String DEFAULT_TOPIC = "puro.events";
  static final long DEFAULT_POLL_INTERVAL_MS = 10_000;

  private static final ConfigDef.Validator INSTANT =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          if (value == null) {
            return;
          }
          try {
            Instant.parse(value.toString());
          } catch (DateTimeParseException e) {
            throw new ConfigException(
                name, value, name + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
          }
        }

        @Override
        public String toString() {
          return "an ISO-8601 instant";
        }
      };

  private static final ClientSettings CLIENT =
      new ClientSettings(BASE_URL, TOKEN, API_KEY_ID, API_KEY_SECRET, null);

  static final ConfigDef CONFIG_DEF =
      CLIENT
          .defineCredentials(
              CLIENT
                  .defineBaseUrl(new ConfigDef(), "Base URL of the Puro.earth sales channel API.")
                  .define(
                      ACCOUNT,
                      Type.STRING,
                      "",
                      Importance.MEDIUM,
                      "A name for the account whose log this is, part of the source partition"
                          + " with the base URL: set it when several connectors read logs of"
                          + " different accounts at one URL.",
                      Configs.GROUP_CONNECTION,
                      2,
                      ConfigDef.Width.MEDIUM,
                      "Account"),
              3,
              "Bearer access token.",
              "API key id, sent with the key's passphrase as HTTP basic credentials.",
              "API key id",
              "API key passphrase",
              "API key passphrase")
          .define(
              START,
              Type.STRING,
              null,
              INSTANT,
              Importance.MEDIUM,
              "Where the first run starts: rows with createdAt at or after this instant. Default:"
                  + " the log's first row. Later runs resume from the stored offset.",
              "Records",
              1,
              ConfigDef.Width.MEDIUM,
              "Start")
          .define(
              PAGE_SIZE,
              Type.INT,
              EventLogQuery.DEFAULT_LIMIT,
              ConfigDef.Range.between(1, EventLogQuery.MAX_LIMIT),
              Importance.LOW,
              "Rows per page ($limit); one poll writes up to one page.",
              "Records",
              2,
              ConfigDef.Width.SHORT,
              "Page size")
          .define(
              TOPIC,
              Type.STRING,
              DEFAULT_TOPIC,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Topic the rows are written to, keyed by row id.",
              "Records",
              3,
              ConfigDef.Width.MEDIUM,
              "Topic")
          .define(
              POLL_INTERVAL_MS,
              Type.LONG,
              DEFAULT_POLL_INTERVAL_MS,
              ConfigDef.Range.between(10, 3_600_000),
              Importance.LOW,
              "How long to wait after reaching the end of the log (a page that is not full), or"
                  + " after a failed fetch, in milliseconds. Puro.earth suggests about 10 seconds.",
              "Records",
              4,
              ConfigDef.Width.SHORT,
              "Poll interval (ms)");

  PuroEventLogSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    credentials();
  }

  String baseUrl() {
    return CLIENT.baseUrl(this);
  }

  String account() {
    return getString(ACCOUNT);
  }

  String topic() {
    return getString(TOPIC);
  }

  long pollIntervalMs() {
    return getLong(POLL_INTERVAL_MS);
  }

  /** Returns the query of the first run: from {@link #START}, pages of {@link #PAGE_SIZE}. */
  EventLogQuery query() {
    String start = getString(START);
    EventLogQuery query =
        start == null ? EventLogQuery.all() : EventLogQuery.since(Instant.parse(start));
    return query.limit(getInt(PAGE_SIZE));
  }

  Credentials credentials() {
    return CLIENT.credentials(this);
  }

  EventSyncClient client() {
    return CLIENT.client(this);
  }
}
