package io.eventsync.queue;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiFactories;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.Json;
import io.eventsync.internal.ResponseReader;
import io.eventsync.poll.PollerBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The Tiki Open API event queue: queues, event-type subscriptions, and pulling events with an
 * acknowledgement id. Tiki delivers at least once and in order; {@link #poller(String)} turns that
 * into every event handled once, in order, with a persisted cursor.
 *
 * <p>Queues belong to the app and subscriptions to a seller: a public app creates queues with its
 * own token and subscribes with each seller's token ({@link #withCredentials(Credentials)}); an
 * in-house app uses one token for everything. Obtain an instance from {@link
 * EventSyncClient#eventQueue()}; it is immutable and thread-safe.
 */
public final class EventQueueApi {
  static {
    ApiFactories.register(EventQueueApi.class, (context, scope) -> new EventQueueApi(context));
  }

  private static final ApiContext.FixedPath QUEUES =
      ApiContext.FixedPath.of("integration", "v1", "queues");
  private static final ResponseReader<List<Queue>> QUEUE_LIST =
      ResponseReader.json(Adapters.QUEUES, "queue list");
  private static final ResponseReader<EventBatch> PULLED_BATCH =
      ResponseReader.json(BatchDecoder.INSTANCE, "pulled batch");
  private static final byte[] NULL_ACK = "{\"ack_id\":null}".getBytes(StandardCharsets.UTF_8);

  private final ApiContext context;

  private EventQueueApi(ApiContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /**
   * Returns a view that authenticates with {@code credentials} (a seller's token, to subscribe on
   * the seller's behalf), sharing this client's connections and settings.
   */
  public EventQueueApi withCredentials(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials == null");
    return new EventQueueApi(context.withCredentials(credentials));
  }

  /** Lists the app's queues. */
  public List<Queue> listQueues() {
    return context.core().execute(ApiRequest.get(context.url(QUEUES)), QUEUE_LIST);
  }

  /**
   * Creates a queue. Not retried once the request may have reached Tiki (a retry could create a
   * second queue); list the queues to check after an {@link io.eventsync.ApiConnectionException}.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public Queue createQueue(String name) {
    ApiContext.requireId(name, "name");
    return context
        .core()
        .execute(
            ApiRequest.json("POST", context.url(QUEUES), Json.object("name", name), false),
            ResponseReader.json(Adapters.QUEUE, "created queue"));
  }

  /**
   * Subscribes {@code eventType} to the queue for the seller whose token this view uses. Events of
   * the type are routed to the queue after a short delay (Tiki says about 5 s).
   */
  public Subscription subscribe(String queueCode, EventType eventType) {
    ApiContext.requireId(queueCode, "queueCode");
    Objects.requireNonNull(eventType, "eventType == null");
    return context
        .core()
        .execute(
            ApiRequest.json(
                "POST",
                context.url("integration", "v1", "queues", queueCode, "subscriptions"),
                Json.object("event_type", eventType.value()),
                false),
            ResponseReader.json(Adapters.SUBSCRIPTION, "created subscription"));
  }

  /** Lists the queue's subscriptions. */
  public List<Subscription> listSubscriptions(String queueCode) {
    ApiContext.requireId(queueCode, "queueCode");
    return context
        .core()
        .execute(
            ApiRequest.get(context.url("integration", "v1", "queues", queueCode, "subscriptions")),
            ResponseReader.json(Adapters.SUBSCRIPTIONS, "subscription list"));
  }

  /**
   * Activates or deactivates a subscription ({@code PUT
   * /integration/v1/queues/{queueCode}/subscriptions/{subscriptionCode}}; the path is this SDK's
   * choice where Tiki's documentation is silent). Idempotent.
   */
  public Subscription setSubscriptionActive(
      String queueCode, String subscriptionCode, boolean active) {
    ApiContext.requireId(queueCode, "queueCode");
    ApiContext.requireId(subscriptionCode, "subscriptionCode");
    return context
        .core()
        .execute(
            ApiRequest.json(
                "PUT",
                context.url(
                    "integration", "v1", "queues", queueCode, "subscriptions", subscriptionCode),
                Json.object("active", active),
                true),
            ResponseReader.json(Adapters.SUBSCRIPTION, "updated subscription"));
  }

  /**
   * Pulls the next batch. Passing the {@code ackId} of the previous batch acknowledges it; passing
   * null (first pull) or an older id delivers again from the first unacknowledged event. Safe to
   * retry, so it is retried like a GET.
   *
   * @param ackId the previous batch's ack id once all its events are handled, or null
   */
  public EventBatch pull(String queueCode, @Nullable String ackId) {
    ApiContext.requireId(queueCode, "queueCode");
    return pull(pullUrl(queueCode), ackId);
  }

  /** Returns the URL {@link #pull(HttpUrl, String)} posts to for {@code queueCode}. */
  HttpUrl pullUrl(String queueCode) {
    return context.url("integration", "v1", "queues", queueCode, "events", "pull");
  }

  /** Pulls with the URL of {@link #pullUrl}, which a poller builds once. */
  EventBatch pull(HttpUrl pullUrl, @Nullable String ackId) {
    return context
        .core()
        .execute(
            new ApiRequest("POST", pullUrl, Headers.EMPTY, ackBody(ackId), ApiRequest.JSON, true),
            PULLED_BATCH);
  }

  /**
   * Returns {@code {"ack_id":...}} in UTF-8, as {@code Json.object("ack_id", ackId)} writes it; an
   * id needing no escape (as Tiki's are) is written without building a map and a JSON writer.
   */
  static byte[] ackBody(@Nullable String ackId) {
    if (ackId == null) {
      return NULL_ACK.clone();
    }
    for (int i = 0; i < ackId.length(); i++) {
      char c = ackId.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
        return Json.object("ack_id", ackId).getBytes(StandardCharsets.UTF_8);
      }
    }
    return ("{\"ack_id\":\"" + ackId + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns a builder for a poller of the queue: every event handed to your handler once, in order,
   * with the cursor (the ack id plus the ids handled since) persisted in a {@link
   * io.eventsync.poll.CursorStore}. The stream is named {@code tiki-queue-<queueCode>}.
   */
  public PollerBuilder<QueueEvent> poller(String queueCode) {
    ApiContext.requireId(queueCode, "queueCode");
    return new PollerBuilder<>(
        new QueueEventSource(this, queueCode), context.core().clock(), context.core().sleeper());
  }

  /**
   * Acknowledges the batch with {@code ackId} without pulling the next one ({@code POST
   * /integration/v1/queues/{queueCode}/events/ack}). Idempotent.
   */
  public void ack(String queueCode, String ackId) {
    ApiContext.requireId(queueCode, "queueCode");
    ApiContext.requireId(ackId, "ackId");
    context
        .core()
        .execute(
            ApiRequest.json(
                "POST",
                context.url("integration", "v1", "queues", queueCode, "events", "ack"),
                Json.object("ack_id", ackId),
                true),
            ResponseReader.accepted("ack answer"));
  }
}
