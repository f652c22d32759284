package io.eventsync.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the verified deliveries of the webhook endpoint configured
 * under {@code eventsync.webhooks.<endpoint>}. The method takes a {@code WebhookDelivery}, a {@code
 * WebhookPayload} or one typed payload (for example {@code TikiNowOrderStatus}); it is called for
 * the deliveries whose payload has that type. Returning normally answers the sender 200; throwing
 * answers 500 so that the sender delivers again later.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventSyncWebhookListener {
  /** The endpoint's name: the {@code <endpoint>} of {@code eventsync.webhooks.<endpoint>}. */
  String endpoint();
}
