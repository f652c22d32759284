package io.eventsync.examples;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --cursor-file} and {@code --max-events}, shared by the tail commands. */
final class TailOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--cursor-file",
      paramLabel = "FILE",
      description =
          "Where the cursor is kept, with FILE.alt next to it (env EVENTSYNC_CURSOR_FILE).")
  Path cursorFile;

  @Option(names = "--max-events", paramLabel = "N", description = "Stop after N events.")
  Long maxEvents;

  /** Checks the options; bad values become usage errors naming the option. */
  TailOptions checked() {
    if (cursorFile == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option '--cursor-file=FILE' (or EVENTSYNC_CURSOR_FILE)");
    }
    if (maxEvents != null && maxEvents < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-events must not be negative: " + maxEvents);
    }
    return this;
  }
}
