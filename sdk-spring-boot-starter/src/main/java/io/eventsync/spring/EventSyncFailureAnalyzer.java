package io.eventsync.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link EventSyncConfigurationException} (a webhook secret of the wrong length, a poller
 * without a cursor store, a listener of an unknown stream, a base URL without scheme, ...) into a
 * startup failure report that names the property and the fix.
 */
public final class EventSyncFailureAnalyzer
    extends AbstractFailureAnalyzer<EventSyncConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EventSyncConfigurationException cause) {
    return new FailureAnalysis(
        "eventsync is misconfigured: " + cause.property() + " " + cause.problem() + ".",
        cause.action(),
        cause);
  }
}
