package io.eventsync.kafka.connect;

import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every connector IT runs against, started before its tests and stopped after them: the
 * sandbox, then a {@link ConnectCluster} (a broker; the test starts the workers it needs). Register
 * it as a static {@code @RegisterExtension} field.
 */
final class ConnectEnvironment implements BeforeAllCallback, AfterAllCallback {
  private final SandboxOptions options;
  private EventSyncSandbox sandbox;
  private ConnectCluster cluster;

  /** An environment with the sandbox's default options. */
  ConnectEnvironment() {
    this(null);
  }

  /** An environment whose sandbox has {@code options}, or the defaults if null. */
  ConnectEnvironment(SandboxOptions options) {
    this.options = options;
  }

  EventSyncSandbox sandbox() {
    return sandbox;
  }

  ConnectCluster cluster() {
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    sandbox = options == null ? EventSyncSandbox.start() : EventSyncSandbox.start(options);
    cluster = ConnectCluster.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.stop();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
