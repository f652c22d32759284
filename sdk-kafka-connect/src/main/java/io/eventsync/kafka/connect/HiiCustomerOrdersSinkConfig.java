package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.orders.CustomerOrdersApi;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The configuration of {@link HiiCustomerOrdersSinkConnector} and its tasks. */
final class HiiCustomerOrdersSinkConfig extends AbstractConfig {
  static final String BASE_URL = "hii.base.url";
  static final String TOKEN = "hii.token";
  static final String CLIENT_ID = "hii.client.id";
  static final String CLIENT_SECRET = "hii.client.secret";
  static final String PATH_TEMPLATE = "hii.path.template";
  static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

  static final long DEFAULT_RETRY_BACKOFF_MS = 1000;

  private static final ClientSettings CLIENT =
      new ClientSettings(BASE_URL, TOKEN, CLIENT_ID, CLIENT_SECRET, ClientCredentials::hiiRetail);

  static final ConfigDef CONFIG_DEF =
      CLIENT
          .defineCredentials(
              CLIENT.defineBaseUrl(
                  new ConfigDef(), "Base URL of the Hii Retail customer orders API."),
              2,
              "Bearer access token.",
              "OAuth client id (the Hii Retail client credentials grant, audience"
                  + " https://hiiretail.com).",
              "Client id",
              "OAuth client secret",
              "Client secret")
          .define(
              PATH_TEMPLATE,
              Type.STRING,
              CustomerOrdersApi.DEFAULT_PATH_TEMPLATE,
              new ConfigDef.NonEmptyString(),
              Importance.LOW,
              "Path of the PUT, with {businessUnitId} and {customerOrderId}.",
              Configs.GROUP_CONNECTION,
              5,
              ConfigDef.Width.LONG,
              "Path template")
          .define(
              RETRY_BACKOFF_MS,
              Type.LONG,
              DEFAULT_RETRY_BACKOFF_MS,
              ConfigDef.Range.between(0, 600_000),
              Importance.LOW,
              "After the SDK's own retries of a PUT failed on a fault that may pass (5xx, 429,"
                  + " I/O), Connect delivers the batch again after this many milliseconds. Permanent"
                  + " failures (a value that is not an order update, a 4xx other than 408 and 429) go to the"
                  + " errant record reporter (errors.tolerance=all and"
                  + " errors.deadletterqueue.topic.name).",
              "Delivery",
              1,
              ConfigDef.Width.SHORT,
              "Retry backoff (ms)");

  HiiCustomerOrdersSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    credentials();
  }

  Credentials credentials() {
    return CLIENT.credentials(this);
  }

  EventSyncClient client() {
    return CLIENT.client(this);
  }

  CustomerOrdersApi orders(EventSyncClient client) {
    try {
      return client.customerOrders().withPathTemplate(getString(PATH_TEMPLATE));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PATH_TEMPLATE + " is not a valid path template: " + e.getMessage());
    }
  }

  long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS);
  }
}
