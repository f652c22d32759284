package io.eventsync.spring;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.RetryPolicy;
import io.eventsync.auth.Credentials;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Builds the {@link EventSyncClient} from {@link EventSyncProperties}, checking each property. */
final class ClientFactory {
  private ClientFactory() {}

  static EventSyncClient create(EventSyncProperties properties, OkHttpClient http) {
    EventSyncClient.Builder builder = EventSyncClient.builder();
    if (properties.getBaseUrl() != null) {
      builder.baseUrl(checkUrl(properties.getBaseUrl(), "eventsync.base-url"));
    }
    for (Map.Entry<String, String> entry : properties.getBaseUrls().entrySet()) {
      String property = "eventsync.base-urls." + entry.getKey();
      builder.baseUrl(api(entry.getKey(), property), checkUrl(entry.getValue(), property));
    }
    Credentials credentials = credentials(properties.getCredentials(), "eventsync.credentials");
    if (credentials != null) {
      builder.credentials(credentials);
    }
    for (Map.Entry<String, EventSyncProperties.Credentials> entry :
        properties.getApiCredentials().entrySet()) {
      String property = "eventsync.api-credentials." + entry.getKey();
      Credentials forApi = credentials(entry.getValue(), property);
      if (forApi == null) {
        throw new EventSyncConfigurationException(
            property,
            "sets no credentials",
            "set token, username and password, or client-id, client-secret and token-url");
      }
      builder.credentials(api(entry.getKey(), property), forApi);
    }
    RetryPolicy retry = retryPolicy(properties.getRetry(), "eventsync.retry");
    if (retry != null) {
      builder.retryPolicy(retry);
    }
    try {
      if (properties.getConnectTimeout() != null) {
        builder.connectTimeout(properties.getConnectTimeout());
      }
      if (properties.getReadTimeout() != null) {
        builder.readTimeout(properties.getReadTimeout());
      }
      if (properties.getCallTimeout() != null) {
        builder.callTimeout(properties.getCallTimeout());
      }
    } catch (IllegalArgumentException e) {
      throw new EventSyncConfigurationException(
          "eventsync.connect-timeout, read-timeout or call-timeout",
          "is not accepted (" + e.getMessage() + ")",
          "set each to a positive duration such as 10s");
    }
    if (http != null) {
      builder.okHttpClient(http);
    }
    return builder.build();
  }

  private static Api api(String key, String property) {
    String name = key.toUpperCase(Locale.ROOT).replace('-', '_');
    for (Api api : Api.values()) {
      if (api.name().equals(name)) {
        return api;
      }
    }
    throw new EventSyncConfigurationException(
        property,
        "names no API",
        "use one of event-queue, fulfillment, event-log, collector, customer-orders");
  }

  /**
   * Returns {@code url} if it has an http or https scheme; never shows the value (it may hold a
   * password).
   */
  static String checkUrl(String url, String property) {
    String lower = url.trim().toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new EventSyncConfigurationException(
          property,
          "has no scheme",
          "write the URL with http:// or https:// in front, for example http://localhost:8080");
    }
    return url.trim();
  }

  static Credentials credentials(EventSyncProperties.Credentials c, String property) {
    if (c == null) {
      return null;
    }
    try {
      if (c.getToken() != null) {
        return Credentials.bearer(c.getToken());
      }
      if (c.getUsername() != null || c.getPassword() != null) {
        if (c.getUsername() == null || c.getPassword() == null) {
          throw new EventSyncConfigurationException(
              property, "has only one of username and password", "set both for HTTP basic");
        }
        return Credentials.basic(c.getUsername(), c.getPassword());
      }
      if (c.getClientId() != null || c.getClientSecret() != null) {
        if (c.getClientId() == null || c.getClientSecret() == null || c.getTokenUrl() == null) {
          throw new EventSyncConfigurationException(
              property,
              "has an incomplete client credentials grant",
              "set client-id, client-secret and token-url together");
        }
        String tokenUrl = checkUrl(c.getTokenUrl(), property + ".token-url");
        return Credentials.clientCredentials(tokenUrl, c.getClientId(), c.getClientSecret())
            .build();
      }
      return null;
    } catch (IllegalArgumentException e) {
      // the SDK's messages never show a secret's value
      throw new EventSyncConfigurationException(
          property, "is not accepted: " + e.getMessage(), "fix the value");
    }
  }

  static RetryPolicy retryPolicy(EventSyncProperties.Retry r, String property) {
    if (r == null
        || (r.getMaxAttempts() == null
            && r.getInitialBackoff() == null
            && r.getMaxBackoff() == null)) {
      return null;
    }
    try {
      RetryPolicy.Builder builder = RetryPolicy.builder();
      if (r.getMaxAttempts() != null) {
        builder.maxAttempts(r.getMaxAttempts());
      }
      if (r.getInitialBackoff() != null) {
        builder.initialBackoff(r.getInitialBackoff());
      }
      if (r.getMaxBackoff() != null) {
        builder.maxBackoff(r.getMaxBackoff());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new EventSyncConfigurationException(
          property, "is not accepted: " + e.getMessage(), "fix max-attempts or the backoffs");
    }
  }
}
