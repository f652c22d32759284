package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void shortFormsAndIso8601AreBothAccepted() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    assertThat(converter.convert("PT0.01S")).isEqualTo(Duration.ofMillis(10));
    assertThat(converter.convert("pt1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(converter.convert("10S")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anythingElseIsRefusedWithExamples() {
    assertThatThrownBy(() -> converter.convert("5 minutes"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'5 minutes' is not a duration; use e.g. 500ms, 5s, 1m, 2h or ISO-8601 PT1S");
    assertThatThrownBy(() -> converter.convert("99999999999999999999s"))
        .isInstanceOf(TypeConversionException.class);
  }
}
