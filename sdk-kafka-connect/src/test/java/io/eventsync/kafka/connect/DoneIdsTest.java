package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoneIdsTest {
  @Test
  void idsWithCommasAndPercentSignsSurviveTheRoundTrip() {
    List<String> ids = List.of("a,b", "%2C", "c%", "", "plain");
    assertThat(DoneIds.decode(DoneIds.encode(ids))).containsExactlyElementsOf(ids);
    assertThat(DoneIds.decode(DoneIds.encode(List.of()))).isEmpty();
  }
}
