package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.queue.EventType;
import io.eventsync.queue.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync queue create}: creates a queue, subscribes it, prints its code. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a Tiki event queue, subscribes it to each --subscribe type and prints the queue's"
          + " code (the --queue of queue tail) on stdout."
    })
final class QueueCreateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ApiOptions api;

  @Option(names = "--name", paramLabel = "NAME", description = "Name of the new queue.")
  String name;

  @Option(
      names = "--subscribe",
      paramLabel = "TYPE",
      arity = "1..*",
      description = "Event types to route to the queue, e.g. ORDER_STATUS_UPDATED (any case).")
  List<String> subscribe = new ArrayList<>();

  @Override
  public Integer call() {
    if (name == null || name.isBlank()) {
      throw new ParameterException(spec.commandLine(), "Missing required option '--name=NAME'");
    }
    if (subscribe.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option '--subscribe=TYPE' (events reach a queue only for the types it"
              + " subscribes to)");
    }
    List<EventType> types = new ArrayList<>();
    for (String value : subscribe) {
      types.add(eventType(value));
    }
    try (EventSyncClient client = api.client()) {
      Queue queue = client.eventQueue().createQueue(name);
      for (EventType type : types) {
        try {
          client.eventQueue().subscribe(queue.code(), type);
        } catch (EventSyncException e) {
          throw new IllegalStateException(
              "queue "
                  + queue.code()
                  + " was created but subscribing it to "
                  + type.value()
                  + " failed: "
                  + e.getMessage(),
              e);
        }
      }
      spec.commandLine().getOut().println(queue.code());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private EventType eventType(String value) {
    String upper = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (EventType known : EventType.knownValues()) {
      if (known.value().equals(upper)) {
        return known;
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "--subscribe: unknown event type \""
            + value
            + "\"; one of "
            + EventType.knownValues().stream()
                .map(EventType::value)
                .collect(Collectors.joining(", ")));
  }
}
