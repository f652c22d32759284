/**
 * TikiNOW Smart Logistics webhook registration: {@link io.eventsync.fulfillment.FulfillmentApi} and
 * {@link io.eventsync.fulfillment.WebhookRegistration}. Values are non-null unless documented
 * otherwise.
 */
package io.eventsync.fulfillment;
