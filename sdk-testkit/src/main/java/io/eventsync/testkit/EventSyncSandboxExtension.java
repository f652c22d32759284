package io.eventsync.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts an {@link EventSyncSandbox} and injects it into test and
 * lifecycle method parameters of type {@code EventSyncSandbox}.
 *
 * <p>Declared with {@code @ExtendWith(EventSyncSandboxExtension.class)}, every test method gets a
 * fresh sandbox with default options. Registered as a static field, one sandbox serves the whole
 * class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EventSyncSandboxExtension SANDBOX =
 *     EventSyncSandboxExtension.perClass(SandboxOptions.builder().batchSize(10).build());
 *
 * @Test
 * void pullsEvents(EventSyncSandbox sandbox) { ... }   // or SANDBOX.sandbox()
 * }</pre>
 *
 * <p>The sandbox is closed after the method or the class. With {@link #perClass} the state is
 * shared between the class's tests; call {@link EventSyncSandbox#reset()} where that matters.
 */
// JUnit is an optional dependency (`requires static`): a test suite that uses this extension has it
// on its own path, so the module does not pass it on with `requires transitive`.
@SuppressWarnings("exports")
public final class EventSyncSandboxExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EventSyncSandboxExtension.class);
  private static final String KEY = "sandbox";

  private final SandboxOptions options;
  private final boolean perClass;
  private volatile EventSyncSandbox current;

  /** One sandbox with default options per test method (the {@code @ExtendWith} form). */
  public EventSyncSandboxExtension() {
    this(SandboxOptions.defaults(), false);
  }

  private EventSyncSandboxExtension(SandboxOptions options, boolean perClass) {
    this.options = Objects.requireNonNull(options, "options == null");
    this.perClass = perClass;
  }

  /** One sandbox with {@code options} per test method. */
  public static EventSyncSandboxExtension perMethod(SandboxOptions options) {
    return new EventSyncSandboxExtension(options, false);
  }

  /** One sandbox with {@code options} per test class (register it in a static field). */
  public static EventSyncSandboxExtension perClass(SandboxOptions options) {
    return new EventSyncSandboxExtension(options, true);
  }

  /** One sandbox with default options per test class (register it in a static field). */
  public static EventSyncSandboxExtension perClass() {
    return perClass(SandboxOptions.defaults());
  }

  /**
   * The running sandbox.
   *
   * @throws IllegalStateException outside a test of the class that registered this extension
   */
  public EventSyncSandbox sandbox() {
    EventSyncSandbox sandbox = current;
    if (sandbox == null) {
      throw new IllegalStateException("no sandbox is running: is the extension registered?");
    }
    return sandbox;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass) {
      open(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass) {
      close(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      open(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close(context);
    }
  }

  private void open(ExtensionContext context) {
    EventSyncSandbox sandbox = EventSyncSandbox.start(options);
    context.getStore(NAMESPACE).put(KEY, sandbox);
    current = sandbox;
  }

  private void close(ExtensionContext context) {
    EventSyncSandbox sandbox = context.getStore(NAMESPACE).remove(KEY, EventSyncSandbox.class);
    if (sandbox != null) {
      sandbox.close();
    }
    current = null;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EventSyncSandbox.class;
  }

  @Override
  public EventSyncSandbox resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EventSyncSandbox sandbox = context.getStore(NAMESPACE).get(KEY, EventSyncSandbox.class);
    return sandbox != null ? sandbox : sandbox();
  }
}
