package io.eventsync.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync demo}: the whole product against an embedded sandbox, with a summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded sandbox and runs the whole story: a queue polled through a restart under"
          + " injected faults, the events log tailed through a same-timestamp burst, verified"
          + " webhooks (and a forged one refused), customer orders published in order.",
      "Prints a summary of what was checked; exits 0 only if every count matches."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "3000",
      description = "Queue events (default 3000).")
  int events;

  @Option(
      names = "--log-rows",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Events log rows (default 2000).")
  int logRows;

  @Option(
      names = "--burst",
      paramLabel = "N",
      defaultValue = "300",
      description = "Log rows sharing one createdAt, 3x the page size (default 300).")
  int burst;

  @Option(
      names = "--webhooks",
      paramLabel = "N",
      defaultValue = "20",
      description = "Webhook deliveries (default 20).")
  int webhooks;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "200",
      description = "Customer orders (default 200).")
  int orders;

  @Option(
      names = "--chaos",
      paramLabel = "P",
      defaultValue = "0.1",
      description = "Share of sandbox answers faulted while polling (default 0.1).")
  double chaos;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed (default 42).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (events < 2 || logRows < 1 || burst < 1 || webhooks < 1 || orders < 1) {
      throw new ParameterException(
          spec.commandLine(), "--events must be at least 2 and the other sizes at least 1");
    }
    if (!(chaos >= 0 && chaos < 0.5)) {
      throw new ParameterException(spec.commandLine(), "--chaos must be in [0, 0.5): " + chaos);
    }
    Demo demo =
        new Demo(
            spec.commandLine().getOut(),
            System.console() != null,
            new Demo.Sizes(events, logRows, burst, webhooks, orders, chaos, seed));
    return demo.run() ? 0 : 1;
  }
}
