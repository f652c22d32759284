package io.eventsync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class UriTemplatesTest {
  private static String template(String url) {
    return UriTemplates.of(HttpUrl.get(url));
  }

  @Test
  void pathsWithCodesAndIdsBecomeTheirEndpointsTemplate() {
    assertThat(template("https://api.tiki.vn/integration/v1/queues/q-secret-123/events/pull"))
        .isEqualTo("/integration/v1/queues/{queueCode}/events/pull");
    assertThat(template("https://api.tiki.vn/integration/v1/queues/q1/subscriptions/s9"))
        .isEqualTo("/integration/v1/queues/{queueCode}/subscriptions/{subscriptionCode}");
    assertThat(template("https://api.tiki.vn/integration/v1/queues"))
        .isEqualTo("/integration/v1/queues");
    assertThat(template("https://h/business-units/bu-1/customer-orders/co-77"))
        .isEqualTo("/business-units/{businessUnitId}/customer-orders/{customerOrderId}");
    assertThat(template("https://h/auth/realms/tenant-x/protocol/openid-connect/token"))
        .isEqualTo("/auth/realms/{realm}/protocol/openid-connect/token");
    assertThat(template("https://api.tiki.vn/sc/oauth2/token")).isEqualTo("/sc/oauth2/token");
  }

  @Test
  void aBaseUrlsOwnPathInFrontOfTheEndpointIsNotPartOfTheTemplate() {
    assertThat(template("https://h/services/eventcollector/api/v1/jobs/job-42"))
        .isEqualTo("/api/v1/jobs/{jobId}");
    assertThat(template("https://h/services/eventcollector/api/v1/event-subscription/s1/"))
        .isEqualTo("/api/v1/event-subscription/{subscriptionId}");
  }

  @Test
  void aPathOfNoKnownEndpointIsTaggedOtherNeverRaw() {
    assertThat(template("https://h/customers/c-123/secret-path")).isEqualTo(UriTemplates.OTHER);
  }
}
