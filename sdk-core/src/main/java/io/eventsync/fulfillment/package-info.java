/**
 * TikiNOW Smart Logistics webhook registration: {@link io.eventsync.fulfillment.FulfillmentApi} and
 * {@link io.eventsync.fulfillment.WebhookRegistration}. Values are non-null unless marked
 * {@code @Nullable} (the package is {@code @NullMarked}).
 */
@NullMarked
package io.eventsync.fulfillment;

import org.jspecify.annotations.NullMarked;
