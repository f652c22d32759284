package io.eventsync.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogEventTypeTest {
  @Test
  void documentedValueIsTheConstant() {
    assertThat(LogEventType.of("TRANSACTION_STATUS_CHANGE"))
        .isSameAs(LogEventType.TRANSACTION_STATUS_CHANGE);
    assertThat(LogEventType.knownValues()).containsExactly(LogEventType.TRANSACTION_STATUS_CHANGE);
  }

  @Test
  void unknownValueKeepsTheRawString() {
    LogEventType type = LogEventType.of("RETIREMENT_ISSUED");

    assertThat(type.isKnown()).isFalse();
    assertThat(type.value()).isEqualTo("RETIREMENT_ISSUED");
    assertThat(type).isEqualTo(LogEventType.of("RETIREMENT_ISSUED"));
  }

  @Test
  void blankValueIsRejectedNamingTheField() {
    assertThatThrownBy(() -> LogEventType.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event type is blank");
  }

  @Test
  void nullValueIsRejectedNamingTheParameter() {
    assertThatThrownBy(() -> LogEventType.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value == null");
  }
}
