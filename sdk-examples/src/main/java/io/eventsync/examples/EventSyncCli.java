package io.eventsync.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code eventsync} command line: {@code demo}, {@code sandbox}, {@code queue create}, {@code
 * queue tail}, {@code log tail}, {@code webhooks listen} and {@code webhooks sign}. Every option
 * can also be set with an environment variable: {@code --base-url} is {@code EVENTSYNC_BASE_URL},
 * {@code --cursor-file} is {@code EVENTSYNC_CURSOR_FILE}, and so on. Errors are one line on stderr
 * and a non-zero exit code (2 for bad usage, 1 for a failure while running).
 */
@Command(
    name = "eventsync",
    mixinStandardHelpOptions = true,
    versionProvider = EventSyncCli.Version.class,
    description = "Keeps your systems in step with commerce platforms' event feeds.",
    subcommands = {
      DemoCommand.class,
      SandboxCommand.class,
      EventSyncCli.QueueCommand.class,
      EventSyncCli.LogCommand.class,
      EventSyncCli.WebhooksCommand.class
    })
public final class EventSyncCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err, System.getenv()));
  }

  /**
   * Runs the command line with these streams and environment; returns the exit code.
   *
   * @param env the environment variables ({@code EVENTSYNC_*} supply option defaults)
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cli = new CommandLine(new EventSyncCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.registerConverter(Duration.class, new DurationConverter()); // 5s, 500ms, 1m or ISO-8601
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(argSpec -> fromEnvironment(argSpec, env));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("eventsync: " + e.getMessage() + " (see --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("eventsync: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  private static String fromEnvironment(ArgSpec argSpec, Map<String, String> env) {
    if (!(argSpec instanceof OptionSpec)) {
      return null;
    }
    String name = ((OptionSpec) argSpec).longestName().replaceFirst("^-+", "");
    return env.get("EVENTSYNC_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The message of {@code e} on one line, with its cause when the message alone is unclear. */
  static String oneLine(Throwable e) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code eventsync queue ...}. */
  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      description = "The Tiki event queue.",
      subcommands = {QueueCreateCommand.class, QueueTailCommand.class})
  static final class QueueCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code eventsync log ...}. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = "The Puro.earth events log.",
      subcommands = LogTailCommand.class)
  static final class LogCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** {@code eventsync webhooks ...}. */
  @Command(
      name = "webhooks",
      mixinStandardHelpOptions = true,
      description = "Receive and sign webhooks.",
      subcommands = {WebhooksListenCommand.class, WebhooksSignCommand.class})
  static final class WebhooksCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** The version shown by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"eventsync " + io.eventsync.EventSyncClient.VERSION};
    }
  }
}
