package io.eventsync.spring;

import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerListener;

/** Observes the starter's pollers (the Micrometer binding when a MeterRegistry exists). */
interface PollerObserver {
  /** The listener to add to every poller. */
  PollerListener listener();

  /** Starts observing {@code poller} named {@code stream}; closing stops it. */
  AutoCloseable bind(String stream, Poller poller);
}
