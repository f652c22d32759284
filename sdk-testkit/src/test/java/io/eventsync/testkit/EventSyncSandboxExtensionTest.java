package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventSyncSandboxExtensionTest {
  @Nested
  @ExtendWith(EventSyncSandboxExtension.class)
  class PerMethod {
    @Test
    void injectsARunningSandbox(EventSyncSandbox sandbox) {
      sandbox.appendLogRows(1);

      assertThat(new Http(sandbox).get("/saleschannel-services/v1/events").list()).hasSize(1);
    }

    @Test
    void eachMethodGetsAFreshSandbox(EventSyncSandbox sandbox) {
      assertThat(sandbox.stats().eventLogRows()).isZero();
      sandbox.appendLogRows(1);
    }
  }

  @Nested
  class PerClass {
    @RegisterExtension
    static final EventSyncSandboxExtension SANDBOX =
        EventSyncSandboxExtension.perClass(SandboxOptions.builder().batchSize(7).build());

    @Test
    void sharesOneSandboxWithTheOptions(EventSyncSandbox sandbox) {
      assertThat(sandbox).isSameAs(SANDBOX.sandbox());
      assertThat(sandbox.options().batchSize()).isEqualTo(7);
    }
  }
}
