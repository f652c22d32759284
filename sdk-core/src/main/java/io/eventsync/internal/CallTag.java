package io.eventsync.internal;

/**
 * The one tag {@link HttpCore} puts on each request it makes (token requests, made by the
 * credentials, carry none). Its presence lets {@link RedirectGuard} follow same-origin redirects;
 * its {@link #sent} flag records whether the request reached a connection.
 */
final class CallTag {
  /** Set once a connection exists: from then on, the server may see the request. */
  volatile boolean sent;

  /** Set by {@link CallDeadlines} just before it cancels the call: its call timeout passed. */
  volatile boolean timedOut;
}
