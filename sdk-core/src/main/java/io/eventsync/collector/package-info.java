/**
 * The Wishlist Co. Event Collector: {@link io.eventsync.collector.CollectorApi} with events,
 * SQS/SNS event subscriptions and notification jobs, every call scoped to one tenant ({@code
 * X-TWC-Tenant}). Values are non-null unless marked {@code @Nullable} (the package is
 * {@code @NullMarked}).
 */
@NullMarked
package io.eventsync.collector;

import org.jspecify.annotations.NullMarked;
