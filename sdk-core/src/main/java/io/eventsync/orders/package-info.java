/**
 * Hii Retail incoming customer orders: {@link io.eventsync.orders.CustomerOrdersApi} (a typed,
 * validated, retried PUT) and {@link io.eventsync.orders.CustomerOrderPublisher} (ordered bulk
 * publishing with progress, dead letters and resume). Values are non-null unless marked
 * {@code @Nullable} (the package is {@code @NullMarked}).
 */
@NullMarked
package io.eventsync.orders;

import org.jspecify.annotations.NullMarked;
