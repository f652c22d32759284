package io.eventsync.kafka.connect;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/** Validators and client settings shared by the connectors' configurations. */
final class Configs {
  static final String GROUP_CONNECTION = "Connection";

  private Configs() {}

  /** Accepts an absolute http or https URL. */
  static final ConfigDef.Validator HTTP_URL =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          if (value == null) {
            throw new ConfigException(
                name, null, "missing: set " + name + " to the API's base URL (http or https)");
          }
          String text = value.toString().trim();
          try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
              throw new URISyntaxException(text, "not an absolute http(s) URL");
            }
          } catch (URISyntaxException e) {
            throw new ConfigException(
                name,
                value,
                name + " must be an absolute http or https URL, for example https://api.tiki.vn");
          }
        }

        @Override
        public String toString() {
          return "an absolute http or https URL";
        }
      };

  /** Accepts a non-empty list of non-blank, distinct entries. */
  static final ConfigDef.Validator NON_EMPTY_LIST =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          List<?> list = value instanceof List ? (List<?>) value : List.of();
          if (list.isEmpty()) {
            throw new ConfigException(
                name, value, name + " is empty: list at least one entry, comma-separated");
          }
          for (Object entry : list) {
            if (entry == null || entry.toString().isBlank()) {
              throw new ConfigException(name, value, name + " has a blank entry: " + value);
            }
          }
          if (list.stream().distinct().count() != list.size()) {
            throw new ConfigException(name, value, name + " lists an entry twice: " + value);
          }
        }

        @Override
        public String toString() {
          return "a non-empty list";
        }
      };

  /**
   * Accepts null or a non-empty secret without spaces or control characters (a copy that took a
   * line break along). The value is never part of the message.
   */
  static final ConfigDef.Validator SECRET =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          if (value == null) {
            return;
          }
          String text = value instanceof Password ? ((Password) value).value() : value.toString();
          if (text.isEmpty()) {
            throw new ConfigException(
                name + " is empty: set the secret, or remove " + name + " from the config");
          }
          for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
              throw new ConfigException(
                  name
                      + " has a space or control character at index "
                      + i
                      + ": check that the secret was copied without line breaks or spaces");
            }
          }
        }

        @Override
        public String toString() {
          return "a secret without spaces";
        }
      };

  /** Returns a config's value of a PASSWORD key, or null. */
  static String password(AbstractConfig config, String key) {
    Password password = config.getPassword(key);
    return password == null ? null : password.value();
  }

  /**
   * Returns the credentials from a bearer token or a client id and secret, exactly one of which
   * must be set.
   *
   * @param client makes the credentials of a client id and secret: an OAuth preset's builder, or
   *     null for HTTP basic credentials
   */
  static Credentials credentials(
      String tokenKey,
      String token,
      String clientIdKey,
      String clientId,
      String clientSecretKey,
      String clientSecret,
      java.util.function.BiFunction<String, String, ClientCredentials.Builder> client) {
    boolean hasClient = clientId != null || clientSecret != null;
    if (token != null && hasClient) {
      throw new ConfigException(
          "set either "
              + tokenKey
              + " or "
              + clientIdKey
              + " and "
              + clientSecretKey
              + ", not both");
    }
    try {
      if (token != null) {
        return Credentials.bearer(token);
      }
      if (clientId == null || clientSecret == null) {
        throw new ConfigException(
            "no credentials: set "
                + tokenKey
                + ", or both "
                + clientIdKey
                + " and "
                + clientSecretKey
                + (clientId == null ? " (" + clientIdKey + " is missing)" : "")
                + (clientSecret == null && clientId != null
                    ? " (" + clientSecretKey + " is missing)"
                    : ""));
      }
      return client == null
          ? Credentials.basic(clientId, clientSecret)
          : client.apply(clientId, clientSecret).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          (token != null ? tokenKey : clientIdKey) + " is not valid: " + e.getMessage());
    }
  }

  /** Returns a client for {@code baseUrl} with {@code credentials}, named in the User-Agent. */
  static EventSyncClient client(String baseUrl, Credentials credentials) {
    return EventSyncClient.builder()
        .baseUrl(baseUrl.trim())
        .credentials(credentials)
        .userAgent("kafka-connect/" + ConnectorVersion.VERSION)
        .build();
  }

  /**
   * Adds the error of the checks across fields ({@code whole}, run when every field is valid on its
   * own) to the field its message names first, else to {@code fallbackField}.
   */
  static Config validateWhole(Config result, Runnable whole, String fallbackField) {
    boolean fieldsValid =
        result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
    if (!fieldsValid) {
      return result;
    }
    try {
      whole.run();
    } catch (ConfigException e) {
      String message = String.valueOf(e.getMessage());
      ConfigValue target = null;
      int at = Integer.MAX_VALUE;
      for (ConfigValue value : result.configValues()) {
        int index = message.indexOf(value.name());
        if (index >= 0 && index < at) {
          target = value;
          at = index;
        }
        if (target == null && value.name().equals(fallbackField)) {
          target = value;
        }
      }
      if (target != null) {
        target.addErrorMessage(message);
      }
    }
    return result;
  }

  /** Returns the string values of a config as a map for task configs. */
  static Map<String, String> originals(AbstractConfig config) {
    return config.originalsStrings();
  }
}
