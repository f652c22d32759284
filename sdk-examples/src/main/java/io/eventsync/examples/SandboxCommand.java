package io.eventsync.examples;

import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.testkit.SandboxOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync sandbox}: runs the sandbox alone until stopped. */
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

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535: " + port);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (EventSyncSandbox sandbox =
        EventSyncSandbox.start(SandboxOptions.builder().port(port).seed(seed).build())) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("eventsync sandbox listening on " + sandbox.url());
      out.println("  bearer token:   " + EventSyncSandbox.DEV_TOKEN);
      out.println(
          "  OAuth client:   "
              + EventSyncSandbox.CLIENT_ID
              + " / "
              + EventSyncSandbox.CLIENT_SECRET);
      out.flush();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(stopped::countDown, "eventsync-sandbox-shutdown"));
      stopped.await();
    }
    return 0;
  }
}
