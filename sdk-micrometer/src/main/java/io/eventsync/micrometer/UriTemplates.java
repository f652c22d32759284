package io.eventsync.micrometer;

import java.util.List;
import okhttp3.HttpUrl;

/**
 * Maps the path of a call the SDK makes to the URI template of its endpoint, so that a meter's
 * {@code uri} tag never holds a queue code, an id or any other value of the path.
 */
final class UriTemplates {
  /** The tag of a path that matches no endpoint of the SDK. */
  static final String OTHER = "other";

  /** The endpoints the SDK calls, longest first so that the most specific one wins. */
  private static final List<String> TEMPLATES =
      List.of(
          "/integration/v1/queues/{queueCode}/subscriptions/{subscriptionCode}",
          "/integration/v1/queues/{queueCode}/subscriptions",
          "/integration/v1/queues/{queueCode}/events/pull",
          "/integration/v1/queues/{queueCode}/events/ack",
          "/integration/v1/queues",
          "/auth/realms/{realm}/protocol/openid-connect/token",
          "/business-units/{businessUnitId}/customer-orders/{customerOrderId}",
          "/api/v1/event-subscription/{subscriptionId}/deactivate",
          "/api/v1/event-subscription/{subscriptionId}",
          "/api/v1/event-subscription",
          "/api/v1/events/{eventId}",
          "/api/v1/jobs/{jobId}",
          "/api/v1/jobs",
          "/saleschannel-services/v1/events",
          "/business/v1/register-webhooks",
          "/sc/oauth2/token",
          "/oauth2/token");

  private static final List<String[]> SPLIT =
      TEMPLATES.stream().map(t -> t.substring(1).split("/")).toList();

  private UriTemplates() {}

  /**
   * Returns the template whose segments end {@code url}'s path (a base URL may add segments in
   * front), or {@link #OTHER}.
   */
  static String of(HttpUrl url) {
    List<String> path = url.pathSegments();
    int size = path.size();
    if (size > 0 && path.get(size - 1).isEmpty()) {
      size--; // a trailing slash
    }
    for (int t = 0; t < SPLIT.size(); t++) {
      String[] template = SPLIT.get(t);
      if (template.length > size) {
        continue;
      }
      int offset = size - template.length;
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        matches = template[i].startsWith("{") || template[i].equals(path.get(offset + i));
      }
      if (matches) {
        return TEMPLATES.get(t);
      }
    }
    return OTHER;
  }
}
