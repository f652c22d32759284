package io.eventsync.examples;

import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eventsync sandbox}: runs the sandbox alone until the process is stopped (or the calling
 * thread interrupted), after printing the same banner as the standalone jar.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Runs the sandbox (all five APIs, admin under /_sandbox/) until stopped.")
final class SandboxCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "Port (default 8080; 0 for any free port).")
  int port;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of ids and chaos (default 42).")
  long seed;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description = "Largest request body; a larger one is answered 413 (default 16 MiB).")
  long maxBodyBytes = SandboxOptions.DEFAULT_MAX_REQUEST_BODY_BYTES;

  @Option(
      names = "--max-emit-bytes",
      paramLabel = "N",
      description = "Largest emit, as count x payload JSON size (default 64 MiB).")
  long maxEmitBytes = SandboxOptions.DEFAULT_MAX_EMIT_BYTES;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535: " + port);
    }
    SandboxOptions options;
    try {
      options =
          SandboxOptions.builder()
              .port(port)
              .seed(seed)
              .maxRequestBodyBytes(maxBodyBytes)
              .maxEmitBytes(maxEmitBytes)
              .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    boolean interrupted = false;
    try (EventSyncSandbox sandbox = started(options)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(sandbox.banner());
      out.flush();
      Thread hook = new Thread(stopped::countDown, "eventsync-sandbox-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // Stopped by its caller rather than by the JVM's shutdown: the hook is no longer needed.
        Runtime.getRuntime().removeShutdownHook(hook);
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt(); // only now: closing the sandbox waits for its threads
    }
    return 0;
  }

  /** Starts the sandbox; a port in use is said in so many words, with the port. */
  private EventSyncSandbox started(SandboxOptions options) {
    try {
      return EventSyncSandbox.start(options);
    } catch (UncheckedIOException e) {
      throw BindFailure.explain("localhost", port, e);
    }
  }
}
