package io.eventsync.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
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

  /**
   * Checks the options, and that the cursor's directory can be written before any event is printed
   * (a cursor that cannot be stored would hand the same events over again on every run); bad values
   * become usage errors naming the option.
   */
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
    Path directory = cursorFile.toAbsolutePath().getParent();
    try {
      Files.createDirectories(directory);
      Files.delete(Files.createTempFile(directory, ".eventsync-", ".probe"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--cursor-file: cannot write in "
              + directory
              + " ("
              + why(e)
              + "); choose a cursor file in a writable directory");
    }
    return this;
  }

  private static String why(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return ((FileSystemException) e).getFile() + " is a file, not a directory";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.toString();
  }
}
