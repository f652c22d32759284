package io.eventsync.testkit;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of the standalone sandbox: {@code [--port N] [--seed S] [--max-queues N]
 * [--max-body-bytes N] [--max-emit-bytes N]}.
 */
final class SandboxCli {
  static final String USAGE =
      "usage: java -jar eventsync-testkit-standalone.jar [--port N] [--seed S] [--max-queues N]"
          + " [--max-body-bytes N] [--max-emit-bytes N]";

  private SandboxCli() {}

  static void main(String[] args) throws InterruptedException {
    EventSyncSandbox sandbox;
    try {
      sandbox = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (sandbox == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "eventsync-sandbox-shutdown"));
    stopped.await();
  }

  /**
   * Parses {@code args}, starts the sandbox and prints its {@link EventSyncSandbox#banner()} to
   * {@code out}. Returns null after printing the usage for {@code --help}.
   *
   * @throws IllegalArgumentException for an unknown or malformed option
   */
  static EventSyncSandbox start(String[] args, PrintStream out) {
    SandboxOptions.Builder options = SandboxOptions.builder();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help":
        case "-h":
          out.println(USAGE);
          return null;
        case "--port":
          options.port((int) number(args, ++i, arg));
          break;
        case "--seed":
          options.seed(number(args, ++i, arg));
          break;
        case "--max-queues":
          options.maxQueues(intNumber(args, ++i, arg));
          break;
        case "--max-body-bytes":
          options.maxRequestBodyBytes(number(args, ++i, arg));
          break;
        case "--max-emit-bytes":
          options.maxEmitBytes(number(args, ++i, arg));
          break;
        default:
          throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    EventSyncSandbox sandbox = EventSyncSandbox.start(options.build());
    out.println(sandbox.banner());
    out.flush();
    return sandbox;
  }

  private static int intNumber(String[] args, int index, String option) {
    long value = number(args, index, option);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(option + " is out of range: " + value);
    }
    return (int) value;
  }

  private static long number(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    try {
      return Long.parseLong(args[index]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number: " + args[index]);
    }
  }
}
