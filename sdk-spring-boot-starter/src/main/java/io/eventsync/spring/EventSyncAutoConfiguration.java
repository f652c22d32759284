package io.eventsync.spring;

import io.eventsync.EventSyncClient;
import io.eventsync.micrometer.EventSyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of eventsync: the {@link EventSyncClient} from {@code eventsync.*} (backing
 * off when the application defines its own, reusing its {@code OkHttpClient} bean), the pollers of
 * {@link EventSyncListener} methods, the webhook servlets of {@link EventSyncWebhookListener}
 * methods, the {@code eventsync} health indicator and the Micrometer binding.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnProperty(
    prefix = "eventsync",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(EventSyncProperties.class)
public class EventSyncAutoConfiguration {
  /** The default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
  static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  /** Creates the auto-configuration. */
  public EventSyncAutoConfiguration() {}

  @Bean
  static ListenerMethods eventSyncListenerMethods() {
    return new ListenerMethods();
  }

  @Bean
  @ConditionalOnMissingBean(EventSyncClient.class)
  ClientHttp eventSyncClientHttp(
      ObjectProvider<OkHttpClient> okHttpClient,
      ObjectProvider<HttpInstrumentation> instrumentation) {
    return new ClientHttp(okHttpClient.getIfUnique(), instrumentation.getIfUnique());
  }

  @Bean
  @ConditionalOnMissingBean
  EventSyncClient eventSyncClient(EventSyncProperties properties, ClientHttp http) {
    return ClientFactory.create(properties, http.client());
  }

  @Bean
  EventSyncPollers eventSyncPollers(
      EventSyncClient client,
      EventSyncProperties properties,
      ListenerMethods methods,
      ObjectProvider<PollerObserver> observers,
      ObjectProvider<DataSource> dataSource,
      Environment environment) {
    Duration stopTimeout =
        Binder.get(environment)
            .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(DEFAULT_STOP_TIMEOUT);
    return new EventSyncPollers(
        client,
        properties,
        methods,
        observers.orderedStream().toList(),
        stopTimeout,
        dataSource::getIfUnique);
  }

  /** The {@code eventsync} health indicator, with Actuator's health module. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "eventsyncHealthIndicator")
    HealthIndicator eventsyncHealthIndicator(EventSyncPollers pollers) {
      return new EventSyncHealthIndicator(pollers);
    }
  }

  /** Meters of pollers and HTTP calls, when a MeterRegistry exists. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, EventSyncMetrics.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    EventSyncMetrics eventSyncMetrics(MeterRegistry registry) {
      return EventSyncMetrics.builder(registry).build();
    }

    @Bean
    MicrometerBinding eventSyncMicrometerBinding(EventSyncMetrics metrics) {
      return new MicrometerBinding(metrics);
    }
  }

  /** The webhook servlets, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "jakarta.servlet.Servlet")
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class WebhookConfiguration {
    @Bean
    WebhookEndpoints eventSyncWebhookEndpoints(
        EventSyncProperties properties, ListenerMethods methods) {
      return new WebhookEndpoints(properties, methods);
    }
  }
}
