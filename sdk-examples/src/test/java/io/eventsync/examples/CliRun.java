package io.eventsync.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The result of running the command line in-process. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EventSyncCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  List<String> lines() {
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
  }
}
