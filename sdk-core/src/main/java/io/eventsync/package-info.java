/** The eventsync client: {@link io.eventsync.EventSyncClient} and its errors. */
package io.eventsync;
