package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.ApiConnectionException;
import io.eventsync.DecodingException;
import io.eventsync.EventSyncException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TransienceTest {
  @Test
  void aBodyCutShortIsTransient() {
    assertThat(Transience.isTransient(new DecodingException("cut", null, true, null))).isTrue();
  }

  @Test
  void wellFormedJsonOfTheWrongShapeIsPermanent() {
    assertThat(Transience.isTransient(new DecodingException("shape", "$.id", false, null)))
        .isFalse();
  }

  @Test
  void aConnectionFailureIsTransientAndAPlainSdkErrorIsNot() {
    assertThat(Transience.isTransient(new ApiConnectionException("reset", new IOException(), 1)))
        .isTrue();
    assertThat(Transience.isTransient(new EventSyncException("other"))).isFalse();
  }
}
