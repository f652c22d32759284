package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import java.util.function.BiFunction;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The client settings every connector has under its own key names: the API's base URL and either a
 * bearer token or a client id and secret. Defines their entries in the connection group and builds
 * the credentials and the client from a parsed config.
 */
final class ClientSettings {
  private final String baseUrlKey;
  private final String tokenKey;
  private final String clientIdKey;
  private final String clientSecretKey;
  private final BiFunction<String, String, ClientCredentials.Builder> preset;

  /**
   * @param preset makes the credentials of a client id and secret: an OAuth preset's builder, or
   *     null for HTTP basic credentials
   */
  ClientSettings(
      String baseUrlKey,
      String tokenKey,
      String clientIdKey,
      String clientSecretKey,
      BiFunction<String, String, ClientCredentials.Builder> preset) {
    this.baseUrlKey = baseUrlKey;
    this.tokenKey = tokenKey;
    this.clientIdKey = clientIdKey;
    this.clientSecretKey = clientSecretKey;
    this.preset = preset;
  }

  /** Defines the required base URL, first in the connection group. */
  ConfigDef defineBaseUrl(ConfigDef def, String doc) {
    return def.define(
        baseUrlKey,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        Configs.HTTP_URL,
        Importance.HIGH,
        doc,
        Configs.GROUP_CONNECTION,
        1,
        ConfigDef.Width.LONG,
        "Base URL");
  }

  /**
   * Defines the token, the client id and the client secret, from {@code firstOrder} on in the
   * connection group.
   *
   * @param tokenDoc the token's doc, before the sentence that names the alternative
   * @param secretDoc the secret's doc, before the words that name the client id
   */
  ConfigDef defineCredentials(
      ConfigDef def,
      int firstOrder,
      String tokenDoc,
      String clientIdDoc,
      String clientIdDisplay,
      String secretDoc,
      String secretDisplay) {
    return def.define(
            tokenKey,
            Type.PASSWORD,
            null,
            Configs.SECRET,
            Importance.HIGH,
            tokenDoc + " Set either this or " + clientIdKey + " and " + clientSecretKey + ".",
            Configs.GROUP_CONNECTION,
            firstOrder,
            ConfigDef.Width.LONG,
            "Access token")
        .define(
            clientIdKey,
            Type.STRING,
            null,
            Importance.HIGH,
            clientIdDoc,
            Configs.GROUP_CONNECTION,
            firstOrder + 1,
            ConfigDef.Width.MEDIUM,
            clientIdDisplay)
        .define(
            clientSecretKey,
            Type.PASSWORD,
            null,
            Configs.SECRET,
            Importance.HIGH,
            secretDoc + ", with " + clientIdKey + ".",
            Configs.GROUP_CONNECTION,
            firstOrder + 2,
            ConfigDef.Width.LONG,
            secretDisplay);
  }

  /** Returns the base URL of {@code config}, trimmed. */
  String baseUrl(AbstractConfig config) {
    return config.getString(baseUrlKey).trim();
  }

  /** Returns the credentials of {@code config}; fails unless exactly one kind is set. */
  Credentials credentials(AbstractConfig config) {
    return Configs.credentials(
        tokenKey,
        Configs.password(config, tokenKey),
        clientIdKey,
        config.getString(clientIdKey),
        clientSecretKey,
        Configs.password(config, clientSecretKey),
        preset);
  }

  /** Returns a client of the base URL and credentials of {@code config}. */
  EventSyncClient client(AbstractConfig config) {
    return Configs.client(baseUrl(config), credentials(config));
  }
}
