package io.eventsync.examples.spring;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The no-argument mode: an embedded sandbox as every API, a queue subscribed to new orders, and,
 * once the app is ready, TikiNOW webhooks registered at the app's URL and orders fed in.
 */
final class SandboxDemo {
  static final int ORDERS = 25;

  private SandboxDemo() {}

  static void prepare(SpringApplication app) {
    EventSyncSandbox sandbox = EventSyncSandbox.start();
    EventSyncClient admin = sandbox.clientBuilder().build();
    EventQueueApi queue = admin.eventQueue();
    String code = queue.createQueue("spring-boot-example").code();
    queue.subscribe(code, EventType.ORDER_CREATED_SUCCESSFULLY);
    WebhookSecret secret = WebhookSecret.generate();
    app.setDefaultProperties(
        Map.of(
            "eventsync.base-url",
            sandbox.url(),
            "eventsync.credentials.token",
            EventSyncSandbox.DEV_TOKEN,
            "eventsync.pollers.orders.queue-code",
            code,
            "eventsync.webhooks.tikinow.secrets.demo",
            secret.reveal()));
    app.addListeners(
        event -> {
          if (event instanceof ApplicationReadyEvent ready) {
            String port =
                ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
            feed(sandbox, admin, secret, "http://localhost:" + port, System.out);
          } else if (event instanceof ContextClosedEvent) {
            admin.close();
            sandbox.close();
          }
        });
  }

  private static void feed(
      EventSyncSandbox sandbox,
      EventSyncClient admin,
      WebhookSecret secret,
      String base,
      PrintStream out) {
    String hook = base + "/webhooks/tikinow";
    admin
        .fulfillment()
        .registerWebhooks(
            WebhookRegistration.builder()
                .inventoryLocations("sgn")
                .orderWebhook(hook, secret)
                .stockWebhook(hook, secret)
                .build());
    sandbox.emitTikiEvents(EventType.ORDER_CREATED_SUCCESSFULLY.toString(), ORDERS);
    for (int i = 0; i < 3; i++) {
      sandbox.tikiNowOrderChange(Map.of("order_code", "3471718" + i, "main_state", "shipping"));
    }
    out.println();
    out.println("eventsync Spring Boot example, against an embedded sandbox at " + sandbox.url());
    out.println("  fed " + ORDERS + " orders into the Tiki queue and 3 TikiNOW order webhooks");
    out.println("  webhooks:  " + hook);
    out.println("  health:    " + base + "/actuator/health");
    out.println("  metrics:   " + base + "/actuator/metrics/eventsync.poller.events");
    out.println("  orders:    " + base + "/orders");
    out.println("Stop with Ctrl-C.");
  }
}
