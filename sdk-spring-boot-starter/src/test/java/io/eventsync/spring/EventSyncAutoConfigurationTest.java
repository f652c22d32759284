package io.eventsync.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.micrometer.EventSyncMetrics;
import io.eventsync.queue.QueueEvent;
import io.eventsync.webhooks.WebhookPayload;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class EventSyncAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class));

  @Test
  void theClientTakesBaseUrlsRetriesTimeoutsAndCredentialsFromProperties() {
    runner
        .withPropertyValues(
            "eventsync.base-url=http://localhost:1",
            "eventsync.base-urls.event-log=https://log.example",
            "eventsync.retry.max-attempts=2",
            "eventsync.retry.initial-backoff=10ms",
            "eventsync.call-timeout=5s",
            "eventsync.credentials.token=token-never-shown")
        .run(
            context -> {
              EventSyncClient client = context.getBean(EventSyncClient.class);
              assertThat(client.baseUrl(Api.EVENT_QUEUE)).startsWith("http://localhost:1");
              assertThat(client.baseUrl(Api.EVENT_LOG)).startsWith("https://log.example");
              assertThat(client.retryPolicy().maxAttempts()).isEqualTo(2);
              assertThat(client.retryPolicy().initialBackoff()).hasMillis(10);
              assertThat(client.credentials()).isNotNull();
              assertThat(client.toString()).doesNotContain("token-never-shown");
              assertThat(context.getBean(EventSyncProperties.class).toString())
                  .doesNotContain("token-never-shown");
            });
  }

  @Test
  void credentialsPerApiOverrideTheGlobalOnesForThatApi() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request().header("Authorization"));
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(ResponseBody.create("[]", MediaType.get("application/json")))
                      .build();
                })
            .build();
    runner
        .withBean(OkHttpClient.class, () -> http)
        .withPropertyValues(
            "eventsync.base-url=http://localhost:3",
            "eventsync.credentials.token=global-token",
            "eventsync.api-credentials.event-queue.token=queue-token",
            "eventsync.api-credentials.event-log.username=log-user",
            "eventsync.api-credentials.event-log.password=log-password")
        .run(
            context -> {
              EventSyncClient client = context.getBean(EventSyncClient.class);
              client.eventQueue().listQueues();
              client.eventLog().list(EventLogQuery.all());
              assertThat(seen)
                  .containsExactly(
                      "Bearer queue-token",
                      "Basic "
                          + Base64.getEncoder()
                              .encodeToString("log-user:log-password".getBytes(UTF_8)));
              assertThat(client.toString())
                  .doesNotContain("queue-token")
                  .doesNotContain("log-password");
            });
  }

  @Test
  void credentialsPerApiForAnUnknownApiOrWithoutAValueFailStartupNamingTheProperty() {
    runner
        .withPropertyValues("eventsync.api-credentials.billing.token=never-shown")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("eventsync.api-credentials.billing")
                  .contains("names no API")
                  .doesNotContain("never-shown");
            });
    runner
        .withPropertyValues("eventsync.api-credentials.event-log.token-url=http://localhost:4")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("eventsync.api-credentials.event-log")
                  .contains("sets no credentials");
            });
  }

  @Test
  void theApplicationsOwnClientBeanIsKeptAndNoneIsBuilt() {
    runner
        .withBean(
            "myClient",
            EventSyncClient.class,
            () -> EventSyncClient.builder().baseUrl("http://localhost:2").build())
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventSyncClient.class);
              assertThat(context).hasBean("myClient").doesNotHaveBean(ClientHttp.class);
            });
  }

  @Test
  void theApplicationsOkHttpClientBeanCarriesTheCalls() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request().url().encodedPath());
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(ResponseBody.create("[]", MediaType.get("application/json")))
                      .build();
                })
            .build();
    runner
        .withBean(OkHttpClient.class, () -> http)
        .withPropertyValues(
            "eventsync.base-url=http://localhost:3", "eventsync.retry.max-attempts=1")
        .run(
            context -> {
              try {
                context.getBean(EventSyncClient.class).eventQueue().listQueues();
              } catch (RuntimeException e) {
                // the canned answer's shape does not matter: the call went through the bean
              }
              assertThat(seen).containsExactly("/integration/v1/queues");
            });
  }

  @Test
  void aMeterRegistryBindsMetricsAndActuatorGetsTheHealthIndicator() {
    runner.run(context -> assertThat(context).doesNotHaveBean(EventSyncMetrics.class));
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(EventSyncMetrics.class);
              assertThat(context).hasBean("eventsyncHealthIndicator");
              assertThat(
                      context
                          .getBean("eventsyncHealthIndicator", HealthIndicator.class)
                          .health()
                          .getStatus()
                          .getCode())
                  .isEqualTo("UP");
            });
  }

  @Test
  void aBaseUrlWithoutSchemeFailsStartupNamingThePropertyAndTheFix() {
    runner
        .withPropertyValues("eventsync.base-url=localhost:8080")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription()).contains("eventsync.base-url has no scheme");
              assertThat(analysis.getAction()).contains("http:// or https://");
            });
  }

  @Test
  void aPollerWithoutCursorStoreFailsStartupNamingThePropertyAndTheFix() {
    runner
        .withUserConfiguration(OrdersListener.class)
        .withPropertyValues(
            "eventsync.base-url=http://localhost:4", "eventsync.pollers.orders.queue-code=q1")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("eventsync.pollers.orders.cursor-store is not set");
              assertThat(analysis.getAction())
                  .contains("eventsync.pollers.orders.cursor-store to file");
            });
  }

  @Test
  void aListenerOfAnUnknownStreamFailsStartupNamingTheConfiguredOnes() {
    runner
        .withUserConfiguration(OrdersListener.class)
        .withPropertyValues(
            "eventsync.base-url=http://localhost:4",
            "eventsync.pollers.ordres.queue-code=q1",
            "eventsync.pollers.ordres.cursor-store=memory")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("@EventSyncListener(stream = \"orders\")")
                  .contains("no eventsync.pollers.orders property");
              assertThat(analysis.getAction()).contains("[ordres]");
            });
  }

  @Test
  void aListenerWhoseEventTypeDoesNotMatchItsSourceFailsStartupNamingTheSource() {
    runner
        .withUserConfiguration(OrdersListener.class)
        .withPropertyValues(
            "eventsync.base-url=http://localhost:4",
            "eventsync.pollers.orders.source=eventlog",
            "eventsync.pollers.orders.cursor-store=memory")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("takes QueueEvent but eventsync.pollers.orders.source is eventlog");
              assertThat(analysis.getAction()).contains("take a LogEvent (or a List<LogEvent>)");
            });
  }

  @Test
  void aThirtyOneCharacterWebhookSecretFailsStartupWithoutShowingIt() {
    String secret = "0123456789abcdefghij0123456789X"; // 31 characters
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EventSyncAutoConfiguration.class))
        .withPropertyValues(
            "eventsync.webhooks.tikinow.path=/webhooks/tikinow",
            "eventsync.webhooks.tikinow.secrets.2025-01=" + secret)
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("eventsync.webhooks.tikinow.secrets.2025-01")
                  .contains("exactly 32 characters but has 31")
                  .doesNotContain(secret);
              assertThat(analysis.getAction()).contains("32-character secret");
              assertThat(context.getStartupFailure()).hasStackTraceContaining("32");
              assertThat(stackTraceOf(context.getStartupFailure())).doesNotContain(secret);
            });
  }

  private static FailureAnalysis analysis(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    FailureAnalysis analysis = new EventSyncFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
    return analysis;
  }

  private static FailureAnalysis analysis(
      org.springframework.boot.test.context.assertj.AssertableWebApplicationContext context) {
    assertThat(context).hasFailed();
    FailureAnalysis analysis = new EventSyncFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
    return analysis;
  }

  private static String stackTraceOf(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class OrdersListener {
    @Bean
    Object ordersHandler() {
      return new Object() {
        @EventSyncListener(stream = "orders")
        void onOrder(QueueEvent event) {}

        @EventSyncWebhookListener(endpoint = "tikinow")
        void onWebhook(WebhookPayload payload) {}
      };
    }
  }
}
