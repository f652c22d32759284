package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Events are checked before they are sent, with the wire field named. */
class CollectorEventTest {
  @Test
  void eventNeedsEntityIdAndSource() {
    assertThatThrownBy(() -> CollectorEvent.builder(CollectorEventType.ENTITY_EVENT, " ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entity_id must not be blank but was \" \"");
    assertThatThrownBy(
            () ->
                new CollectorEvent(null, "e", null, null, CollectorEventType.EVENT, null)
                    .validate())
        .hasMessage("event_source is required");
  }

  @Test
  void aValueThisVersionDoesNotKnowIsSentAsItWas() throws Exception {
    EventPayload merge = new EventPayload(null, Operation.of("MERGE"), null, null, null);
    CollectorEvent event =
        CollectorEvent.builder(CollectorEventType.of("X"), "e")
            .eventSource(EventOrigin.of("SATELLITE"))
            .payload(merge)
            .build();

    String json = Adapters.EVENT.toJson(event);

    assertThat(json).contains("\"event_source\":\"SATELLITE\"", "\"operation\":\"MERGE\"");
    assertThat(Adapters.EVENT.fromJson(json)).isEqualTo(event);
  }

  @Test
  void everyOpenValueKeepsAnUnknownValueAndRefusesABlankOne() {
    assertThat(Operation.of("UPDATE")).isSameAs(Operation.UPDATE);
    assertThat(EventOrigin.of("SATELLITE").isKnown()).isFalse();
    assertThat(EventOrigin.of("SATELLITE")).isEqualTo(EventOrigin.of("SATELLITE"));
    assertThat(EntityType.knownValues()).startsWith(EntityType.CUSTOMER).hasSize(8);
    assertThat(DestinationType.of("KINESIS").value()).isEqualTo("KINESIS");
    assertThatThrownBy(() -> Notification.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("notification is blank");
  }

  @Test
  void eventTypeIsOpen() {
    assertThat(CollectorEventType.of("ENTITY_EVENT")).isSameAs(CollectorEventType.ENTITY_EVENT);
    assertThat(CollectorEventType.of("SYSTEM_EVENT").isKnown()).isFalse();
    assertThat(CollectorEventType.knownValues()).contains(CollectorEventType.FAULT);
    assertThatThrownBy(() -> CollectorEventType.of(" ")).hasMessage("event_type is blank");
  }
}
