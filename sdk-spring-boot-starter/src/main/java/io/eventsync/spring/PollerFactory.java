package io.eventsync.spring;

import io.eventsync.EventSyncClient;
import io.eventsync.RetryPolicy;
import io.eventsync.eventlog.LogEvent;
import io.eventsync.jdbc.JdbcCursorStore;
import io.eventsync.jdbc.JdbcLease;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.DeadLetterSink;
import io.eventsync.poll.FailurePolicy;
import io.eventsync.poll.PollerBuilder;
import io.eventsync.poll.PollerListener;
import io.eventsync.queue.QueueEvent;
import io.eventsync.spring.EventSyncProperties.OrderingKey;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.core.ResolvableType;

/** Builds the poller of one {@link EventSyncListener} method from its properties. */
final class PollerFactory {
  private PollerFactory() {}

  static io.eventsync.poll.Poller create(
      EventSyncClient client,
      String name,
      EventSyncProperties.Poller config,
      ListenerMethods.Target target,
      PollerListener listener,
      Supplier<DataSource> dataSource,
      List<AutoCloseable> resources) {
    String prefix = "eventsync.pollers." + name;
    ResolvableType parameter = ResolvableType.forMethodParameter(target.method(), 0);
    boolean batch = List.class.isAssignableFrom(parameter.toClass());
    Class<?> eventType = batch ? parameter.getGeneric(0).toClass() : parameter.toClass();
    return switch (config.getSource()) {
      case QUEUE -> {
        check(eventType, QueueEvent.class, target, prefix, "queue");
        if (config.getQueueCode() == null || config.getQueueCode().isBlank()) {
          throw new EventSyncConfigurationException(
              prefix + ".queue-code", "is not set", "set it to the code of the Tiki queue to poll");
        }
        PollerBuilder<QueueEvent> builder = client.eventQueue().poller(config.getQueueCode());
        yield configure(
            builder,
            name,
            config,
            target,
            batch,
            listener,
            dataSource,
            resources,
            e -> key(e.sid(), e.type().toString(), e.id(), config.getOrderingKey()));
      }
      case EVENTLOG -> {
        check(eventType, LogEvent.class, target, prefix, "eventlog");
        PollerBuilder<LogEvent> builder = client.eventLog().poller(name);
        yield configure(
            builder,
            name,
            config,
            target,
            batch,
            listener,
            dataSource,
            resources,
            e ->
                key(
                    String.valueOf(e.eventType()),
                    String.valueOf(e.eventType()),
                    e.id(),
                    config.getOrderingKey()));
      }
    };
  }

  private static String key(String seller, String type, String id, OrderingKey orderingKey) {
    return switch (orderingKey) {
      case SELLER -> seller;
      case TYPE -> type;
      case EVENT -> id;
    };
  }

  private static void check(
      Class<?> eventType,
      Class<?> expected,
      ListenerMethods.Target target,
      String prefix,
      String source) {
    if (eventType != expected) {
      throw new EventSyncConfigurationException(
          "@EventSyncListener method " + target.describe(),
          "takes "
              + eventType.getSimpleName()
              + " but "
              + prefix
              + ".source is "
              + source
              + ", whose events are "
              + expected.getSimpleName(),
          "take a "
              + expected.getSimpleName()
              + " (or a List<"
              + expected.getSimpleName()
              + ">), or change "
              + prefix
              + ".source");
    }
  }

  private static <E> io.eventsync.poll.Poller configure(
      PollerBuilder<E> builder,
      String name,
      EventSyncProperties.Poller config,
      ListenerMethods.Target target,
      boolean batch,
      PollerListener listener,
      Supplier<DataSource> dataSources,
      List<AutoCloseable> resources,
      Function<E, String> orderingKey) {
    String prefix = "eventsync.pollers." + name;
    if (config.getCursorStore() == EventSyncProperties.CursorStoreType.JDBC) {
      DataSource dataSource = dataSources.get();
      if (dataSource == null) {
        throw new EventSyncConfigurationException(
            prefix + ".cursor-store",
            "is jdbc but the application has no single DataSource bean",
            "define one DataSource (spring.datasource.*), or use cursor-store file");
      }
      if (batch || config.getConcurrency() != 1) {
        throw new EventSyncConfigurationException(
            prefix + ".cursor-store",
            "is jdbc, whose transaction holds one event, but the listener "
                + (batch ? "takes a List" : "runs with concurrency " + config.getConcurrency()),
            "take one event per call with concurrency 1, or use cursor-store file");
      }
      builder.cursorStore(JdbcCursorStore.create(dataSource));
      if (config.getLeaseTtl() != null) {
        JdbcLease lease;
        try {
          lease = JdbcLease.create(dataSource, "eventsync-" + name, config.getLeaseTtl());
        } catch (IllegalArgumentException e) {
          throw new EventSyncConfigurationException(
              prefix + ".lease-ttl",
              "is not accepted: " + e.getMessage(),
              "set a positive duration such as 30s");
        }
        resources.add(lease);
        builder.lease(lease);
      }
      builder.handler(SpringTransactions.<E>joined(dataSource, target));
    } else if (config.getLeaseTtl() != null) {
      throw new EventSyncConfigurationException(
          prefix + ".lease-ttl",
          "is set but cursor-store is not jdbc",
          "use cursor-store jdbc (the lease lives in the same DataSource), or remove lease-ttl");
    } else if (batch) {
      builder.cursorStore(cursorStore(config, prefix));
      builder.batchHandler(events -> target.invoke(events));
    } else {
      builder.cursorStore(cursorStore(config, prefix));
      builder.handler(event -> target.invoke(event));
    }
    builder.commitEvery(config.getCommitEvery());
    if (config.getConcurrency() < 1 || config.getConcurrency() > 256) {
      throw new EventSyncConfigurationException(
          prefix + ".concurrency", "is " + config.getConcurrency(), "set it from 1 to 256");
    }
    if (config.getConcurrency() > 1) {
      builder.concurrency(config.getConcurrency(), orderingKey);
    }
    builder.failurePolicy(failurePolicy(config, prefix));
    RetryPolicy retry = ClientFactory.retryPolicy(config.getRetry(), prefix + ".retry");
    if (retry != null) {
      builder.retryPolicy(retry);
    }
    try {
      if (config.getIdleBackoff() != null) {
        builder.idleBackoff(config.getIdleBackoff());
      }
      if (config.getUnhealthyAfter() != null) {
        builder.unhealthyAfter(config.getUnhealthyAfter());
      }
    } catch (IllegalArgumentException e) {
      throw new EventSyncConfigurationException(
          prefix + ".idle-backoff or unhealthy-after",
          "is not accepted (" + e.getMessage() + ")",
          "set a positive duration such as 1s");
    }
    builder.listener(listener);
    return builder.build();
  }

  private static CursorStore cursorStore(EventSyncProperties.Poller config, String prefix) {
    if (config.getCursorStore() == null) {
      throw new EventSyncConfigurationException(
          prefix + ".cursor-store",
          "is not set, so the poller would not know where it stopped",
          "set "
              + prefix
              + ".cursor-store to file (with "
              + prefix
              + ".cursor-directory) to resume after a restart, or to memory to start over each"
              + " time");
    }
    return switch (config.getCursorStore()) {
      case MEMORY -> CursorStore.inMemory();
      case FILE -> {
        if (config.getCursorDirectory() == null) {
          throw new EventSyncConfigurationException(
              prefix + ".cursor-directory",
              "is not set but cursor-store is file",
              "set it to the directory of the checkpoint files");
        }
        yield CursorStore.file(config.getCursorDirectory());
      }
      case JDBC -> throw new IllegalStateException("jdbc is built by configure");
    };
  }

  private static FailurePolicy failurePolicy(EventSyncProperties.Poller config, String prefix) {
    return switch (config.getFailurePolicy()) {
      case HALT -> FailurePolicy.halt();
      case DEAD_LETTER ->
          FailurePolicy.deadLetter(
              switch (config.getDeadLetterSink()) {
                case MEMORY -> DeadLetterSink.inMemory();
                case FILE -> {
                  if (config.getDeadLetterFile() == null) {
                    throw new EventSyncConfigurationException(
                        prefix + ".dead-letter-file",
                        "is not set but dead-letter-sink is file",
                        "set it to the JSON-lines file of the dead letters");
                  }
                  yield DeadLetterSink.file(config.getDeadLetterFile());
                }
              });
    };
  }
}
