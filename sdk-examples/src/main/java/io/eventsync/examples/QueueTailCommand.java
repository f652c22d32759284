package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.poll.CommitEvery;
import io.eventsync.queue.QueueEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync queue tail}: polls a queue and prints one JSON line per handled event. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Polls a Tiki event queue and prints one JSON line per handled event (id, type, created_at),"
          + " in queue order, until stopped, --max-events, or with --until-empty the end of what"
          + " is queued.",
      "Resumes from --cursor-file: safe to kill at any moment; nothing is lost on restart."
    })
final class QueueTailCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ApiOptions api;

  @Mixin TailOptions tail;

  @Option(names = "--queue", paramLabel = "CODE", description = "Queue code (env EVENTSYNC_QUEUE).")
  String queue;

  @Option(
      names = "--commit-every",
      paramLabel = "BATCH|EVENT",
      defaultValue = "BATCH",
      description = "Commit the cursor after each batch (default) or each event.")
  CommitEvery commitEvery;

  @Option(
      names = "--idle-backoff",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "Wait when the queue is empty, e.g. 500ms, 1s, PT1S (default 1s).")
  Duration idleBackoff;

  @Option(
      names = "--until-empty",
      description = "Print what is queued now, then exit 0 (default: keep polling).")
  boolean untilEmpty;

  @Override
  public Integer call() throws InterruptedException {
    if (queue == null || queue.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option '--queue=CODE' (or EVENTSYNC_QUEUE)");
    }
    tail.checked();
    PrintWriter out = spec.commandLine().getOut();
    try (EventSyncClient client = api.client()) {
      return Tail.run(
          client.eventQueue().poller(queue),
          (QueueEvent e) ->
              JsonLines.event(
                  out, e.id(), e.type() == null ? null : e.type().value(), e.createdAt()),
          new Tail.Settings(
              tail.cursorFile,
              tail.maxEvents,
              !untilEmpty,
              commitEvery,
              idleBackoff,
              api.redactedUrl(),
              spec.commandLine().getErr()));
    }
  }
}
