package io.eventsync.kafka.connect;

import io.eventsync.ApiException;
import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.PermissionException;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.CustomerOrdersApi;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUTs each record's customer-order update, in the order Connect delivers them. See {@link
 * HiiCustomerOrdersSinkConnector} for what is retried and what is reported.
 */
public final class HiiCustomerOrdersSinkTask extends SinkTask {
  private static final Logger log = LoggerFactory.getLogger(HiiCustomerOrdersSinkTask.class);

  private HiiCustomerOrdersSinkConfig config;
  private EventSyncClient client;
  private CustomerOrdersApi orders;
  private ErrantRecordReporter reporter;

  /** Creates a task; Connect configures it through {@link #start}. */
  public HiiCustomerOrdersSinkTask() {}

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new HiiCustomerOrdersSinkConfig(props);
    client = config.client();
    orders = config.orders(client);
    reporter = errantRecordReporter();
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null; // a worker older than Kafka 2.6
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      CustomerOrderUpdate update;
      try {
        update = OrderUpdates.decode(record.value());
      } catch (IllegalArgumentException e) {
        reject(record, e);
        continue;
      }
      try {
        orders.put(update);
      } catch (AuthenticationException | PermissionException e) {
        throw new ConnectException(
            "Hii Retail refused the connector's credentials: " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        reject(record, e);
      } catch (ApiException e) {
        if (permanent(e.statusCode())) {
          reject(record, e);
        } else {
          throw retry(e);
        }
      } catch (EventSyncException e) {
        throw retry(e);
      }
    }
  }

  /** A 4xx other than 408 and 429 will not pass by sending the same PUT again. */
  private static boolean permanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  /** Asks Connect to deliver the batch again after the backoff (PUTs are idempotent). */
  private RetriableException retry(EventSyncException e) {
    log.debug("PUT of customer order failed, Connect delivers the batch again: {}", e.toString());
    context.timeout(config.retryBackoffMs());
    return new RetriableException("PUT of a customer order failed: " + e.getMessage(), e);
  }

  /** Hands a record that can never be PUT to the errant record reporter, and waits until done. */
  private void reject(SinkRecord record, Exception error) {
    String where = record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    if (reporter == null) {
      throw new ConnectException(
          "record "
              + where
              + " cannot be sent and no dead-letter queue is set: "
              + error.getMessage()
              + "; set errors.tolerance=all and errors.deadletterqueue.topic.name to route such"
              + " records to a topic",
          error);
    }
    log.debug("record {} goes to the errant record reporter: {}", where, error.toString());
    try {
      reporter.report(record, error).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while reporting record " + where, e);
    } catch (ExecutionException e) {
      throw new ConnectException(
          "record " + where + " could not be reported to the dead-letter queue", e.getCause());
    }
  }

  @Override
  public void stop() {
    EventSyncClient c = client;
    if (c != null) {
      c.close();
    }
  }
}
