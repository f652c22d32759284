package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.poll.CommitEvery;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync log tail}: reads the events log and prints one JSON line per row. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the Puro.earth events log and prints one JSON line per row (id, type, created_at),"
          + " in createdAt order; with --follow keeps polling for new rows.",
      "Resumes from --cursor-file: safe to kill at any moment; nothing is lost on restart."
    })
final class LogTailCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ApiOptions api;

  @Mixin TailOptions tail;

  @Option(names = "--follow", description = "Keep polling for new rows after the end of the log.")
  boolean follow;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "Page size, 1 to 1000 (default 100).")
  int limit;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description = "Wait at the end of the log with --follow, e.g. 10s, 1m, PT10S (default 10s).")
  Duration pollInterval;

  @Override
  public Integer call() throws InterruptedException {
    tail.checked();
    EventLogQuery query;
    try {
      query = EventLogQuery.all().limit(limit);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--limit: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (EventSyncClient client = api.client()) { // --base-url serves every API, the events log too
      return Tail.run(
          client.eventLog().poller("puro-events", query),
          (LogEvent row) ->
              JsonLines.event(
                  out,
                  row.id(),
                  row.eventType() == null ? null : row.eventType().value(),
                  row.createdAt()),
          new Tail.Settings(
              tail.cursorFile,
              tail.maxEvents,
              follow,
              CommitEvery.BATCH,
              pollInterval,
              api.redactedUrl(),
              spec.commandLine().getErr()));
    }
  }
}
