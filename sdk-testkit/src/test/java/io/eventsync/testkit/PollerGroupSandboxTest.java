package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.AuthenticationException;
import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.Poller;
import io.eventsync.poll.PollerGroup;
import io.eventsync.poll.PollerState;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hub of sellers, each with its own queue and token, in one {@link PollerGroup}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerGroupSandboxTest {
  private static final int SELLERS = 12;
  private static final String TYPE = "ORDER_CREATED_SUCCESSFULLY";

  private EventSyncSandbox sandbox;
  private EventSyncClient client;
  private final Map<String, String> tokens = new LinkedHashMap<>(); // queue code -> seller token
  private final Map<String, String> sellers = new LinkedHashMap<>(); // queue code -> seller id
  private final Map<String, List<String>> handled = new ConcurrentHashMap<>();

  @BeforeEach
  void connectSellers() {
    sandbox = EventSyncSandbox.start(SandboxOptions.builder().maxQueues(SELLERS).build());
    client = sandbox.clientBuilder().build();
    for (int i = 0; i < SELLERS; i++) {
      String seller = "seller-" + i;
      String token = sandbox.mintSellerToken(seller);
      String queue = client.eventQueue().createQueue("hub-" + seller).code();
      client
          .eventQueue()
          .withCredentials(Credentials.bearer(token))
          .subscribe(queue, EventType.ORDER_CREATED_SUCCESSFULLY);
      tokens.put(queue, token);
      sellers.put(queue, seller);
    }
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  private List<String> emit(String queue, int count) {
    List<String> ids = new ArrayList<>();
    for (Map<String, Object> event :
        sandbox.emitTikiEvents(TYPE, sellers.get(queue), null, count)) {
      ids.add((String) event.get("id"));
    }
    return ids;
  }

  private Poller add(PollerGroup group, String queue) {
    return group.add(
        client
            .withCredentials(Credentials.bearer(tokens.get(queue)))
            .eventQueue()
            .poller(queue)
            .cursorStore(CursorStore.inMemory())
            .idleBackoff(Duration.ofMillis(50))
            .handler(
                (QueueEvent event) ->
                    handled
                        .computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>())
                        .add(event.id())));
  }

  @Test
  void eachSellersStreamPollsWithItsOwnTokenAndARevokedOneHaltsAlone() {
    Map<String, List<String>> emitted = new LinkedHashMap<>();
    try (PollerGroup group = PollerGroup.builder().name("hub").threads(4).build()) {
      Map<String, Poller> pollers = new LinkedHashMap<>();
      for (String queue : tokens.keySet()) {
        emitted.put(queue, new ArrayList<>(emit(queue, 7)));
        pollers.put(queue, add(group, queue));
      }
      await(() -> emitted.keySet().stream().allMatch(q -> handledOf(q).size() == 7));

      String revoked = tokens.keySet().iterator().next();
      assertThat(sandbox.revokeToken(tokens.get(revoked))).isTrue();
      for (String queue : tokens.keySet()) {
        emitted.get(queue).addAll(emit(queue, 5));
      }

      await(() -> pollers.get(revoked).state() == PollerState.HALTED);
      assertThat(pollers.get(revoked).failure()).isInstanceOf(AuthenticationException.class);
      await(
          () ->
              emitted.keySet().stream()
                  .filter(q -> !q.equals(revoked))
                  .allMatch(q -> handledOf(q).size() == 12));
      for (String queue : tokens.keySet()) {
        List<String> expected =
            queue.equals(revoked) ? emitted.get(queue).subList(0, 7) : emitted.get(queue);
        assertThat(handledOf(queue)).as(queue).containsExactlyElementsOf(expected);
      }
      assertThat(sandbox.unacknowledgedEvents(revoked)).isEqualTo(5); // nothing skipped
    }
  }

  private List<String> handledOf(String queue) {
    return handled.getOrDefault(queue, List.of());
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited 30 s").isNegative();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
