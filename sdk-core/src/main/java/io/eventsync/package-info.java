/** The eventsync client: {@link io.eventsync.EventSyncClient} and its errors. */
@NullMarked
package io.eventsync;

import org.jspecify.annotations.NullMarked;
