package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.TikiNowOrderStatus;
import io.eventsync.webhooks.TikiNowStock;
import io.eventsync.webhooks.WebhookPayload;
import io.eventsync.webhooks.WebhookReceiver;
import io.eventsync.webhooks.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registers TikiNOW order and stock webhooks and receives them, verified. Against real endpoints
 * the receiver's URL must be reachable by TikiNOW: set {@code EVENTSYNC_PUBLIC_URL} (https).
 * Environment: {@code EVENTSYNC_BASE_URL}, {@code EVENTSYNC_TOKEN}, {@code EVENTSYNC_PUBLIC_URL}.
 */
public final class ReceiveFulfillmentWebhooksExample {
  private ReceiveFulfillmentWebhooksExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws InterruptedException {
    try (ExampleEnvironment env = ExampleEnvironment.from(System.getenv())) {
      WebhookSecret secret = WebhookSecret.generate();
      List<WebhookPayload> received = new CopyOnWriteArrayList<>();
      try (WebhookReceiver receiver = receiveFulfillmentWebhooks(secret, received::add)) {
        String url =
            System.getenv().getOrDefault("EVENTSYNC_PUBLIC_URL", receiver.url().toString());
        register(env.client(), url, secret);
        if (env.sandbox() != null) {
          env.sandbox()
              .tikiNowOrderChange(Map.of("order_code", "347171821", "main_state", "shipping"));
          env.sandbox().tikiNowStockChange(Map.of("sku", "SKU-1", "qty_salable", 147));
          env.sandbox().awaitDeliveries(Duration.ofSeconds(10));
        } else {
          Thread.sleep(Duration.ofMinutes(5).toMillis()); // wait for TikiNOW to deliver
        }
      }
      System.out.println(received.size() + " verified webhooks received");
    }
  }

  /** Starts a receiver that verifies TikiNOW signatures with {@code secret}. */
  public static WebhookReceiver receiveFulfillmentWebhooks(
      WebhookSecret secret, java.util.function.Consumer<WebhookPayload> sink) {
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build();
    return WebhookReceiver.builder(verifier)
        .handler(
            delivery -> {
              if (delivery.payload() instanceof TikiNowOrderStatus) {
                TikiNowOrderStatus order = (TikiNowOrderStatus) delivery.payload();
                System.out.println("order " + order.orderCode() + ": " + order.mainState());
              } else if (delivery.payload() instanceof TikiNowStock) {
                TikiNowStock stock = (TikiNowStock) delivery.payload();
                System.out.println("stock " + stock.sku() + ": " + stock.qtySalable());
              }
              sink.accept(delivery.payload());
            })
        .build()
        .start();
  }

  /** Registers {@code url} for order and stock changes, signed with {@code secret}. */
  public static void register(EventSyncClient client, String url, WebhookSecret secret) {
    client
        .fulfillment()
        .registerWebhooks(
            WebhookRegistration.builder()
                .inventoryLocations("sgn")
                .orderWebhook(url, secret)
                .stockWebhook(url, secret)
                .build());
  }
}
