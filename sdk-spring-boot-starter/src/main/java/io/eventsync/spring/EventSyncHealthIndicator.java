package io.eventsync.spring;

import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerHealth;
import io.eventsync.poll.PollerState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's {@code eventsync} health: DOWN when a poller halted or is unhealthy (its fetches have
 * failed for too long), with each stream's state, health, last commit time and last lag in the
 * details. A halt's cause is shown by its type only (its message may quote an event).
 */
final class EventSyncHealthIndicator implements HealthIndicator {
  private final EventSyncPollers pollers;

  EventSyncHealthIndicator(EventSyncPollers pollers) {
    this.pollers = pollers;
  }

  @Override
  public Health health() {
    boolean up = true;
    Health.Builder builder = Health.up();
    for (Map.Entry<String, Poller> entry : pollers.pollers().entrySet()) {
      String stream = entry.getKey();
      Poller poller = entry.getValue();
      PollerState state = poller.state();
      PollerHealth health = poller.health();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("state", state.name());
      details.put("healthy", health.healthy());
      Instant lastCommit = pollers.lastCommit(stream);
      if (lastCommit != null) {
        details.put("lastCommit", lastCommit.toString());
      }
      Duration lag = pollers.lastLag(stream);
      if (lag != null) {
        details.put("lag", lag.toString());
      }
      if (health.failedFetches() > 0) {
        details.put("failedFetches", health.failedFetches());
      }
      if (health.lastError() != null) {
        details.put("lastError", health.lastError().getClass().getName());
      }
      if (state == PollerState.HALTED || !health.healthy()) {
        up = false;
      }
      builder.withDetail(stream, details);
    }
    return (up ? builder : builder.down()).build();
  }
}
