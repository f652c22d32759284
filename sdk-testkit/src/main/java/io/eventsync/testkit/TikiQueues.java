package io.eventsync.testkit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.jspecify.annotations.Nullable;

/**
 * The Tiki event queue (wire-reference §1 and design.md's gap decisions): queues per app, event
 * type subscriptions per seller ({@code sid}), routing of emitted events to every active subscribed
 * queue, and pull with the ack protocol.
 *
 * <p>Ack protocol: each pull answers the events from the first unacknowledged one (at most the
 * batch size) and a new {@code ack_id}. Sending the {@code ack_id} of the last batch delivered (to
 * a pull or to the explicit ack endpoint) acknowledges that batch; an older or unknown {@code
 * ack_id} acknowledges nothing, so the pull redelivers from the first unacknowledged event.
 *
 * <p>All state is guarded by this object's monitor.
 */
final class TikiQueues {
  private static final String BASE = "/integration/v1/queues";

  private static final class Subscription {
    final String code;
    final String eventType;
    final String sid;
    boolean active = true;

    Subscription(String code, String eventType, String sid) {
      this.code = code;
      this.eventType = eventType;
      this.sid = sid;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("active", active);
      m.put("event_type", eventType);
      m.put("sid", sid);
      return m;
    }
  }

  private static final class Queued {
    final long seq;
    final Map<String, Object> event;

    Queued(long seq, Map<String, Object> event) {
      this.seq = seq;
      this.event = event;
    }
  }

  private static final class Queue {
    final String code;
    final String name;
    final List<Subscription> subscriptions = new ArrayList<>();
    final ArrayDeque<Queued> unacked = new ArrayDeque<>();
    long nextSeq;
    @Nullable String lastAckId;
    long lastBatchEnd;

    Queue(String code, String name) {
      this.code = code;
      this.name = name;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", code);
      m.put("name", name);
      m.put("status", "ACTIVE");
      return m;
    }

    /** Acknowledges every event before {@code end}; returns how many. */
    int ackUpTo(long end) {
      int count = 0;
      while (!unacked.isEmpty() && unacked.peekFirst().seq < end) {
        unacked.pollFirst();
        count++;
      }
      return count;
    }
  }

  private final Map<String, Queue> queues = new LinkedHashMap<>();
  private final Ids ids;
  private final Clock clock;
  private final int batchSize;
  private final int maxQueues;
  private final StatsRecorder stats;

  TikiQueues(Ids ids, Clock clock, int batchSize, int maxQueues, StatsRecorder stats) {
    this.ids = ids;
    this.clock = clock;
    this.batchSize = batchSize;
    this.maxQueues = maxQueues;
    this.stats = stats;
  }

  void routes(Router r) {
    Api api = Api.TIKI_QUEUE;
    TokenStore.Scope scope = TokenStore.Scope.TIKI;
    r.add("GET", BASE, api, scope, req -> Responses.json(200, listQueues()));
    r.add("POST", BASE, api, scope, this::createQueue);
    r.add("GET", BASE + "/{queue}/subscriptions", api, scope, this::listSubscriptions);
    r.add("POST", BASE + "/{queue}/subscriptions", api, scope, this::subscribe);
    r.add("PUT", BASE + "/{queue}/subscriptions/{subscription}", api, scope, this::setActive);
    r.add("POST", BASE + "/{queue}/events/pull", api, scope, this::pull);
    r.add("POST", BASE + "/{queue}/events/ack", api, scope, this::ack);
  }

  synchronized void reset() {
    queues.clear();
  }

  private synchronized List<Object> listQueues() {
    List<Object> out = new ArrayList<>();
    queues.values().forEach(q -> out.add(q.json()));
    return out;
  }

  private MockResponse createQueue(SandboxRequest req) {
    if (req.principal().kind == TokenStore.Kind.TIKI_SELLER) {
      throw new SandboxError(
          403, "FORBIDDEN", "queues belong to the app: create them with the app's token");
    }
    String name = req.json().string("name");
    synchronized (this) {
      if (queues.size() >= maxQueues) {
        throw new SandboxError(
            400,
            "QUEUE_LIMIT_EXCEEDED",
            "an app may have at most " + maxQueues + " queues; it has " + queues.size());
      }
      Queue queue = new Queue(ids.uuid(), name);
      queues.put(queue.code, queue);
      return Responses.json(200, queue.json());
    }
  }

  private Queue queue(SandboxRequest req) {
    String code = req.param("queue");
    Queue queue = queues.get(code);
    if (queue == null) {
      throw new SandboxError(404, "QUEUE_NOT_FOUND", "queue " + code + " does not exist");
    }
    return queue;
  }

  private synchronized MockResponse listSubscriptions(SandboxRequest req) {
    List<Object> out = new ArrayList<>();
    queue(req).subscriptions.forEach(s -> out.add(s.json()));
    return Responses.json(200, out);
  }

  private MockResponse subscribe(SandboxRequest req) {
    String eventType = req.json().string("event_type");
    String sid = Ids.sid(req.principal().sellerId);
    synchronized (this) {
      Queue queue = queue(req);
      for (Subscription existing : queue.subscriptions) {
        if (existing.eventType.equals(eventType) && existing.sid.equals(sid)) {
          return Responses.json(200, existing.json());
        }
      }
      Subscription subscription = new Subscription(ids.uuid(), eventType, sid);
      queue.subscriptions.add(subscription);
      return Responses.json(200, subscription.json());
    }
  }

  private MockResponse setActive(SandboxRequest req) {
    boolean active = req.json().bool("active");
    synchronized (this) {
      Queue queue = queue(req);
      String code = req.param("subscription");
      for (Subscription s : queue.subscriptions) {
        if (s.code.equals(code)) {
          s.active = active;
          return Responses.json(200, s.json());
        }
      }
      throw new SandboxError(
          404, "SUBSCRIPTION_NOT_FOUND", "subscription " + code + " does not exist");
    }
  }

  private static @Nullable String ackIdOf(SandboxRequest req) {
    JsonFields body = req.jsonOrEmpty();
    return body.has("ack_id") ? body.string("ack_id") : null;
  }

  private MockResponse pull(SandboxRequest req) {
    String ackId = ackIdOf(req);
    synchronized (this) {
      Queue queue = queue(req);
      if (ackId != null && ackId.equals(queue.lastAckId)) {
        queue.ackUpTo(queue.lastBatchEnd);
      }
      List<Object> events = new ArrayList<>();
      long end = queue.nextSeq;
      Iterator<Queued> it = queue.unacked.iterator();
      while (it.hasNext() && events.size() < batchSize) {
        Queued queued = it.next();
        events.add(queued.event);
        end = queued.seq + 1;
      }
      if (events.isEmpty()) {
        end = queue.unacked.isEmpty() ? queue.nextSeq : queue.unacked.peekFirst().seq;
      }
      queue.lastAckId = ids.uuid();
      queue.lastBatchEnd = end;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("events", events);
      body.put("ack_id", queue.lastAckId);
      return Responses.json(200, body);
    }
  }

  private MockResponse ack(SandboxRequest req) {
    JsonFields body = req.json();
    String ackId = body.string("ack_id");
    synchronized (this) {
      Queue queue = queue(req);
      int acknowledged = 0;
      if (ackId.equals(queue.lastAckId)) {
        acknowledged = queue.ackUpTo(queue.lastBatchEnd);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ack_id", ackId);
      out.put("acknowledged", acknowledged);
      return Responses.json(200, out);
    }
  }

  /**
   * Emits {@code count} events of {@code type} for {@code sellerId} and routes each to every queue
   * with an active subscription of that type for that seller. Returns the events.
   */
  synchronized List<Map<String, Object>> emit(
      String type, String sellerId, @Nullable Map<String, Object> payload, int count) {
    String sid = Ids.sid(sellerId);
    List<Map<String, Object>> emitted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("id", ids.uuid());
      event.put("sid", sid);
      event.put("created_at", clock.millis());
      event.put("type", type);
      event.put("version", TikiPayloads.version(type));
      event.put("payload", payload != null ? payload : TikiPayloads.generate(type, ids));
      for (Queue queue : queues.values()) {
        boolean subscribed =
            queue.subscriptions.stream()
                .anyMatch(s -> s.active && s.eventType.equals(type) && s.sid.equals(sid));
        if (subscribed) {
          queue.unacked.addLast(new Queued(queue.nextSeq++, event));
        }
      }
      emitted.add(event);
      stats.tikiEventsEmitted.increment();
    }
    return emitted;
  }

  /** The number of unacknowledged events in a queue, or -1 if there is no such queue. */
  synchronized int unacknowledged(String queueCode) {
    Queue queue = queues.get(queueCode);
    return queue == null ? -1 : queue.unacked.size();
  }
}
