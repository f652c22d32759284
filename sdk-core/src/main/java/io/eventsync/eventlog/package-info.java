/**
 * The Puro.earth events log: {@link io.eventsync.eventlog.EventLogApi} with tie-safe {@code
 * createdAt} paging, a lazy stream, a resumable iterator and a tailing poller.
 */
@NullMarked
package io.eventsync.eventlog;

import org.jspecify.annotations.NullMarked;
