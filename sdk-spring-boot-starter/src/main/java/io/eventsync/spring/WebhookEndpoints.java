package io.eventsync.spring;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookDelivery;
import io.eventsync.webhooks.WebhookParser;
import io.eventsync.webhooks.WebhookServlet;
import io.eventsync.webhooks.WebhookVerifier;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Mounts a {@link WebhookServlet} per {@code eventsync.webhooks.<name>} and delivers what it
 * verifies to the {@link EventSyncWebhookListener} methods of that endpoint whose parameter type
 * fits the payload. A delivery no method takes is answered 500 (the sender retries; nothing is
 * dropped unseen).
 */
final class WebhookEndpoints implements ServletContextInitializer, SmartInitializingSingleton {
  private final EventSyncProperties properties;
  private final ListenerMethods methods;
  private final Map<String, WebhookParser> parsers;

  WebhookEndpoints(EventSyncProperties properties, ListenerMethods methods) {
    this.properties = properties;
    this.methods = methods;
    this.parsers = new java.util.LinkedHashMap<>();
    properties.getWebhooks().forEach((name, config) -> parsers.put(name, parser(name, config)));
  }

  private static WebhookParser parser(String name, EventSyncProperties.Webhook config) {
    String prefix = "eventsync.webhooks." + name;
    if (config.getPath() == null || !config.getPath().startsWith("/")) {
      throw new EventSyncConfigurationException(
          prefix + ".path",
          "is not set or does not start with /",
          "set it, for example /webhooks/" + name);
    }
    if (config.getSecrets().isEmpty()) {
      throw new EventSyncConfigurationException(
          prefix + ".secrets",
          "is empty, so no delivery could be verified",
          "set " + prefix + ".secrets.default to the 32-character secret the sender signs with");
    }
    SignatureScheme scheme =
        switch (config.getScheme()) {
          case TIKINOW -> SignatureScheme.TIKINOW;
          case HII_RETAIL -> SignatureScheme.HII_RETAIL;
          case STANDARD_WEBHOOKS -> SignatureScheme.standardWebhooks();
        };
    WebhookVerifier.Builder verifier = WebhookVerifier.builder(scheme);
    config
        .getSecrets()
        .forEach(
            (keyId, value) -> {
              WebhookSecret secret;
              try {
                secret = WebhookSecret.of(value == null ? "" : value.trim());
              } catch (IllegalArgumentException e) {
                // WebhookSecret's message names the length or the bad character, never the value
                throw new EventSyncConfigurationException(
                    prefix + ".secrets." + keyId,
                    "is not a webhook secret: " + e.getMessage(),
                    "set it to the exact 32-character secret the sender signs with (check that"
                        + " nothing was cut off or added when it was copied)");
              }
              try {
                verifier.secret(keyId, secret);
              } catch (IllegalArgumentException e) {
                throw new EventSyncConfigurationException(
                    prefix + ".secrets." + keyId, "is not accepted: " + e.getMessage(), "fix it");
              }
            });
    if (config.getMaxBodyBytes() != null) {
      try {
        verifier.maxBodyBytes(config.getMaxBodyBytes());
      } catch (IllegalArgumentException e) {
        throw new EventSyncConfigurationException(
            prefix + ".max-body-bytes",
            "is not accepted: " + e.getMessage(),
            "set a positive size");
      }
    }
    return WebhookParser.of(verifier.build());
  }

  @Override
  public void onStartup(ServletContext servletContext) {
    parsers.forEach(
        (name, parser) -> {
          ServletRegistration.Dynamic registration =
              servletContext.addServlet(
                  "eventsync-webhook-" + name,
                  new WebhookServlet(parser, delivery -> deliver(name, delivery)));
          registration.addMapping(properties.getWebhooks().get(name).getPath());
        });
  }

  private void deliver(String endpoint, WebhookDelivery delivery) throws Exception {
    List<ListenerMethods.Target> takers = new ArrayList<>();
    for (ListenerMethods.Target target : methods.webhookTargets()) {
      if (target.name().equals(endpoint)) {
        Class<?> type = target.method().getParameterTypes()[0];
        if (type.isInstance(delivery)) {
          takers.add(target);
        } else if (type.isInstance(delivery.payload())) {
          takers.add(target);
        }
      }
    }
    if (takers.isEmpty()) {
      throw new IllegalStateException(
          "no @EventSyncWebhookListener(endpoint = \""
              + endpoint
              + "\") method takes a "
              + delivery.payload().getClass().getSimpleName()
              + "; answered 500 so that the sender delivers it again once one does");
    }
    for (ListenerMethods.Target target : takers) {
      Class<?> type = target.method().getParameterTypes()[0];
      target.invoke(type.isInstance(delivery) ? delivery : delivery.payload());
    }
  }

  @Override
  public void afterSingletonsInstantiated() {
    for (ListenerMethods.Target target : methods.webhookTargets()) {
      if (!parsers.containsKey(target.name())) {
        throw new EventSyncConfigurationException(
            "@EventSyncWebhookListener(endpoint = \""
                + target.name()
                + "\") on "
                + target.describe(),
            "names an endpoint that no eventsync.webhooks."
                + target.name()
                + " property configures",
            "configure eventsync.webhooks."
                + target.name()
                + ".path and .secrets, or use one of "
                + parsers.keySet());
      }
    }
  }
}
