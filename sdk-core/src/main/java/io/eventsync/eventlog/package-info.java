/**
 * The Puro.earth events log: {@link io.eventsync.eventlog.EventLogApi} with tie-safe {@code
 * createdAt} paging, a lazy stream, a resumable iterator and a tailing poller.
 */
package io.eventsync.eventlog;
