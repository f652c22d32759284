package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Events are checked before they are sent, with the wire field named. */
class CollectorEventTest {
  @Test
  void eventNeedsEntityIdSourceAndKnownOperation() {
    assertThatThrownBy(() -> CollectorEvent.builder(CollectorEventType.ENTITY_EVENT, " ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entity_id must not be blank but was \" \"");
    EventPayload unknown = new EventPayload(null, Operation.UNKNOWN, null, null, null);
    assertThatThrownBy(
            () -> CollectorEvent.builder(CollectorEventType.of("X"), "e").payload(unknown).build())
        .hasMessage("event_payload.operation must be one of the documented values but was UNKNOWN");
    assertThatThrownBy(
            () ->
                new CollectorEvent(null, "e", null, null, CollectorEventType.EVENT, null)
                    .validate())
        .hasMessage("event_source is required");
    assertThatThrownBy(
            () ->
                new CollectorEvent(
                        null, "e", null, EventSource.UNKNOWN, CollectorEventType.EVENT, null)
                    .validate())
        .hasMessage("event_source must be one of the documented values but was UNKNOWN");
  }

  @Test
  void eventTypeIsOpen() {
    assertThat(CollectorEventType.of("ENTITY_EVENT")).isSameAs(CollectorEventType.ENTITY_EVENT);
    assertThat(CollectorEventType.of("SYSTEM_EVENT").isKnown()).isFalse();
    assertThat(CollectorEventType.knownValues()).contains(CollectorEventType.FAULT);
    assertThatThrownBy(() -> CollectorEventType.of(" ")).hasMessage("event_type is blank");
  }
}
