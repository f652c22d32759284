package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsync.Api;
import io.eventsync.EventSyncClient;
import io.eventsync.EventSyncException;
import io.eventsync.RetryPolicy;
import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.collector.Destination;
import io.eventsync.collector.EntityType;
import io.eventsync.collector.EventSubscription;
import io.eventsync.collector.Job;
import io.eventsync.collector.Notification;
import io.eventsync.collector.SqsSettings;
import io.eventsync.eventlog.EventLogQuery;
import io.eventsync.eventlog.LogEventType;
import io.eventsync.fulfillment.WebhookRegistration;
import io.eventsync.orders.CustomerOrder;
import io.eventsync.orders.CustomerOrderStatus;
import io.eventsync.orders.CustomerOrderUpdate;
import io.eventsync.orders.OrderItem;
import io.eventsync.poll.Checkpoint;
import io.eventsync.poll.CursorStore;
import io.eventsync.poll.CursorStoreException;
import io.eventsync.poll.EventHandler;
import io.eventsync.queue.EventQueueApi;
import io.eventsync.queue.EventType;
import io.eventsync.queue.QueueEvent;
import io.eventsync.testkit.EventSyncSandbox;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.SigningKey;
import io.eventsync.webhooks.WebhookSigner;
import io.eventsync.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public builder and API method, given nulls, blanks, oversize and malformed values, fails
 * with one of our typed exceptions — {@link NullPointerException} saying {@code "x == null"},
 * {@link IllegalArgumentException}, {@link IllegalStateException} or an {@link EventSyncException}
 * — whose message names the parameter or the bad value, and never a secret. Validation happens
 * before anything is sent, so the few cases that reach the sandbox say so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputIT {
  private static final String TOKEN_SECRET = "tok-SECRET-4f1c9a";
  private static final String PASSWORD_SECRET = "pw-SECRET-77e2b0";
  private static final String CLIENT_SECRET = "cs-SECRET-0b9d33";
  private static final String WEBHOOK_SECRET_LIKE = "ws-SECRET-9z8y7x6w5v4u3t2s1r0q-!";
  private static final String AWS_SECRET = "aws-SECRET-5e6f7a8b9c";
  private static final WebhookSecret SECRET = WebhookSecret.generate();
  private static final String URL = "http://localhost:1";

  @TempDir static Path dir;

  private static EventSyncSandbox sandbox;
  private static EventSyncClient client;
  private static EventQueueApi queue;
  private static String queueCode;

  @BeforeAll
  static void startSandbox() {
    sandbox = EventSyncSandbox.start();
    client = sandbox.clientBuilder().sleeper(duration -> {}).build();
    queue = client.eventQueue();
    queueCode = queue.createQueue("bad-input").code();
  }

  @AfterAll
  static void stopSandbox() {
    client.close();
    sandbox.close();
  }

  /**
   * One bad call: the exception type expected, the words its message must contain, and a secret it
   * must not contain (or null).
   */
  private record Case(
      String name,
      ThrowingCallable call,
      Class<? extends Throwable> type,
      List<String> mentions,
      String secret) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Arguments bad(
      String name, Class<? extends Throwable> type, ThrowingCallable call, String... mentions) {
    return Arguments.of(new Case(name, call, type, List.of(mentions), null));
  }

  private static Arguments secret(
      String name,
      Class<? extends Throwable> type,
      String secret,
      ThrowingCallable call,
      String... mentions) {
    return Arguments.of(new Case(name, call, type, List.of(mentions), secret));
  }

  private static Arguments nul(String name, ThrowingCallable call, String parameter) {
    return bad(name, NullPointerException.class, call, parameter + " == null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({
    "clientBuilder",
    "credentials",
    "retryPolicy",
    "webhookSecrets",
    "eventQueue",
    "eventLog",
    "pollerBuilder",
    "cursorStores",
    "collector",
    "fulfillment",
    "customerOrders",
    "webhooks"
  })
  void failsWithATypedExceptionNamingTheBadValue(Case c) {
    Throwable thrown = catchThrowable(c.call());

    assertThat(thrown).as("%s throws", c.name()).isNotNull();
    assertThat(thrown)
        .as("%s throws one of our types, not %s", c.name(), thrown)
        .isInstanceOfAny(
            NullPointerException.class,
            IllegalArgumentException.class,
            IllegalStateException.class,
            EventSyncException.class);
    assertThat(thrown)
        .as("%s throws %s", c.name(), c.type().getSimpleName())
        .isInstanceOf(c.type());
    assertThat(thrown.getMessage()).as("%s: message of %s", c.name(), thrown).isNotBlank();
    for (String mention : c.mentions()) {
      assertThat(thrown.getMessage()).as("%s: message", c.name()).contains(mention);
    }
    if (c.secret() != null) {
      for (Throwable t = thrown; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage()) + t)
            .as("%s: message must not show the secret", c.name())
            .doesNotContain(c.secret());
      }
    }
  }

  static Stream<Arguments> clientBuilder() {
    return Stream.of(
        nul("baseUrl(null)", () -> EventSyncClient.builder().baseUrl(null), "baseUrl"),
        bad(
            "baseUrl(\"\")",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().baseUrl(""),
            "baseUrl"),
        bad(
            "baseUrl(ftp)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().baseUrl("ftp://example.com"),
            "ftp://example.com"),
        bad(
            "baseUrl(with space)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().baseUrl("http://exa mple.com"),
            "http://exa mple.com"),
        bad(
            "baseUrl(api, malformed)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().baseUrl(Api.EVENT_LOG, "::nope"),
            "::nope"),
        nul("baseUrl(null api)", () -> EventSyncClient.builder().baseUrl(null, URL), "api"),
        nul(
            "connectTimeout(null)",
            () -> EventSyncClient.builder().connectTimeout(null),
            "connectTimeout"),
        bad(
            "readTimeout(negative)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().readTimeout(Duration.ofSeconds(-1)),
            "readTimeout",
            "PT-1S"),
        bad(
            "readTimeout(30 days) (oversize)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().baseUrl(URL).readTimeout(Duration.ofDays(30)).build(),
            "readTimeout"),
        bad(
            "callTimeout(Long.MAX_VALUE seconds) (oversize)",
            IllegalArgumentException.class,
            () ->
                EventSyncClient.builder()
                    .baseUrl(URL)
                    .callTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                    .build(),
            "callTimeout"),
        nul("userAgent(null)", () -> EventSyncClient.builder().userAgent(null), "suffix"),
        bad(
            "userAgent(blank)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().userAgent("  "),
            "userAgent"),
        bad(
            "userAgent(line break)",
            IllegalArgumentException.class,
            () -> EventSyncClient.builder().userAgent("oms/1\r\nX-Evil: 1"),
            "userAgent"),
        nul("credentials(null)", () -> EventSyncClient.builder().credentials(null), "credentials"),
        nul("retryPolicy(null)", () -> EventSyncClient.builder().retryPolicy(null), "retryPolicy"),
        nul("clock(null)", () -> EventSyncClient.builder().clock(null), "clock"),
        nul("sleeper(null)", () -> EventSyncClient.builder().sleeper(null), "sleeper"),
        nul(
            "okHttpClient(null)",
            () -> EventSyncClient.builder().okHttpClient(null),
            "okHttpClient"),
        bad(
            "eventLog() without a base URL",
            IllegalStateException.class,
            () -> {
              try (EventSyncClient noHost = EventSyncClient.builder().build()) {
                noHost.eventLog();
              }
            },
            "EVENT_LOG"),
        bad(
            "customerOrders() without a base URL",
            IllegalStateException.class,
            () -> {
              try (EventSyncClient noHost = EventSyncClient.builder().build()) {
                noHost.customerOrders();
              }
            },
            "CUSTOMER_ORDERS"));
  }

  static Stream<Arguments> credentials() {
    String url = "https://auth.example.com/token";
    return Stream.of(
        nul("bearer(null)", () -> Credentials.bearer(null), "token"),
        bad(
            "bearer(\"\")",
            IllegalArgumentException.class,
            () -> Credentials.bearer(""),
            "bearer token"),
        secret(
            "bearer(token with line break)",
            IllegalArgumentException.class,
            TOKEN_SECRET,
            () -> Credentials.bearer(TOKEN_SECRET + "\n"),
            "bearer token",
            "U+000A"),
        secret(
            "bearer(token with space)",
            IllegalArgumentException.class,
            TOKEN_SECRET,
            () -> Credentials.bearer("Bearer " + TOKEN_SECRET),
            "bearer token"),
        secret(
            "bearer(oversize token with a control character at the end)",
            IllegalArgumentException.class,
            TOKEN_SECRET,
            () -> Credentials.bearer(TOKEN_SECRET.repeat(20_000) + "\u0000"),
            "bearer token"),
        nul("basic(null, p)", () -> Credentials.basic(null, "p"), "username"),
        nul("basic(u, null)", () -> Credentials.basic("u", null), "password"),
        bad(
            "basic(blank, p)",
            IllegalArgumentException.class,
            () -> Credentials.basic(" ", "p"),
            "username"),
        bad(
            "basic(user:with:colons, p)",
            IllegalArgumentException.class,
            () -> Credentials.basic("a:b", "p"),
            "a:b"),
        secret(
            "basic(u, password with line break)",
            IllegalArgumentException.class,
            PASSWORD_SECRET,
            () -> Credentials.basic("u", PASSWORD_SECRET + "\r\n"),
            "basic password"),
        nul(
            "clientCredentials(null url)",
            () -> Credentials.clientCredentials(null, "id", CLIENT_SECRET),
            "tokenUrl"),
        secret(
            "clientCredentials(malformed url)",
            IllegalArgumentException.class,
            CLIENT_SECRET,
            () -> Credentials.clientCredentials("not a url", "id", CLIENT_SECRET),
            "tokenUrl",
            "not a url"),
        nul(
            "clientCredentials(null id)",
            () -> Credentials.clientCredentials(url, null, "s"),
            "clientId"),
        bad(
            "clientCredentials(blank id)",
            IllegalArgumentException.class,
            () -> Credentials.clientCredentials(url, "  ", "s"),
            "clientId"),
        bad(
            "clientCredentials(empty secret)",
            IllegalArgumentException.class,
            () -> Credentials.clientCredentials(url, "id", ""),
            "clientSecret"),
        secret(
            "clientCredentials(secret with line break)",
            IllegalArgumentException.class,
            CLIENT_SECRET,
            () -> Credentials.clientCredentials(url, "id", CLIENT_SECRET + "\n"),
            "clientSecret"),
        nul("ClientCredentials.tiki(null, s)", () -> ClientCredentials.tiki(null, "s"), "clientId"),
        bad(
            "ClientCredentials.wishlistCo(blank tenant)",
            IllegalArgumentException.class,
            () -> ClientCredentials.wishlistCo(" ", "id", "s"),
            "tenantId"),
        bad(
            "ClientCredentials.hiiRetail(...).refreshMargin(negative)",
            IllegalArgumentException.class,
            () -> ClientCredentials.hiiRetail("id", "s").refreshMargin(Duration.ofSeconds(-5)),
            "refreshMargin",
            "PT-5S"),
        nul(
            "ClientCredentials...scope(null)",
            () -> ClientCredentials.tiki("id", "s").scope(null),
            "scope"),
        nul(
            "ClientCredentials...authMethod(null)",
            () -> ClientCredentials.tiki("id", "s").authMethod(null),
            "authMethod"));
  }

  static Stream<Arguments> retryPolicy() {
    return Stream.of(
        bad(
            "maxAttempts(0)",
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().maxAttempts(0),
            "maxAttempts",
            "0"),
        nul(
            "initialBackoff(null)",
            () -> RetryPolicy.builder().initialBackoff(null),
            "initialBackoff"),
        bad(
            "maxBackoff(negative)",
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().maxBackoff(Duration.ofMillis(-1)),
            "maxBackoff",
            "PT-0.001S"),
        nul(
            "maxRetryAfter(null)",
            () -> RetryPolicy.builder().maxRetryAfter(null),
            "maxRetryAfter"),
        bad(
            "initialBackoff > maxBackoff",
            IllegalStateException.class,
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(10))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build(),
            "initialBackoff",
            "PT10S"),
        bad(
            "backoffs of Long.MAX_VALUE seconds (oversize)",
            IllegalArgumentException.class,
            () ->
                RetryPolicy.builder()
                    .maxBackoff(Duration.ofSeconds(Long.MAX_VALUE))
                    .initialBackoff(Duration.ofSeconds(Long.MAX_VALUE))
                    .build()
                    .backoff(2),
            "Backoff"));
  }

  static Stream<Arguments> webhookSecrets() {
    return Stream.of(
        nul("WebhookSecret.of(null)", () -> WebhookSecret.of(null), "value"),
        bad(
            "WebhookSecret.of(\"\")",
            IllegalArgumentException.class,
            () -> WebhookSecret.of(""),
            "32"),
        secret(
            "WebhookSecret.of(33 characters)",
            IllegalArgumentException.class,
            WEBHOOK_SECRET_LIKE,
            () -> WebhookSecret.of(WEBHOOK_SECRET_LIKE + "abc"),
            "32",
            "35"),
        secret(
            "WebhookSecret.of(32 characters with a space)",
            IllegalArgumentException.class,
            WEBHOOK_SECRET_LIKE.substring(0, 31),
            () -> WebhookSecret.of(WEBHOOK_SECRET_LIKE.substring(0, 31) + " "),
            "printable ASCII",
            "U+0020"),
        secret(
            "WebhookSecret.of(oversize)",
            IllegalArgumentException.class,
            WEBHOOK_SECRET_LIKE,
            () -> WebhookSecret.of(WEBHOOK_SECRET_LIKE.repeat(10_000)),
            "32"));
  }

  static Stream<Arguments> eventQueue() {
    return Stream.of(
        nul("createQueue(null)", () -> queue.createQueue(null), "name"),
        bad(
            "createQueue(blank)",
            IllegalArgumentException.class,
            () -> queue.createQueue(" \t"),
            "name"),
        bad(
            "subscribe(blank queue code, type)",
            IllegalArgumentException.class,
            () -> queue.subscribe("", EventType.ORDER_STATUS_UPDATED),
            "queueCode"),
        nul("subscribe(code, null type)", () -> queue.subscribe(queueCode, null), "eventType"),
        nul("pull(null code)", () -> queue.pull(null, null), "queueCode"),
        bad(
            "pull(blank code)",
            IllegalArgumentException.class,
            () -> queue.pull("  ", null),
            "queueCode"),
        bad(
            "ack(code, blank ack id)",
            IllegalArgumentException.class,
            () -> queue.ack(queueCode, ""),
            "ackId"),
        nul(
            "setSubscriptionActive(code, null subscription)",
            () -> queue.setSubscriptionActive(queueCode, null, true),
            "subscriptionCode"),
        bad(
            "listSubscriptions(blank)",
            IllegalArgumentException.class,
            () -> queue.listSubscriptions(""),
            "queueCode"),
        bad("poller(blank)", IllegalArgumentException.class, () -> queue.poller(" "), "queueCode"),
        nul("withCredentials(null)", () -> queue.withCredentials(null), "credentials"),
        nul("EventType.of(null)", () -> EventType.of(null), "value"),
        bad(
            "pull(unknown queue code): the service's 404, typed",
            io.eventsync.NotFoundException.class,
            () -> queue.pull("no-such-queue", null),
            "no-such-queue"),
        bad(
            "pull(\"..\") (a dot-dot segment must not change the path)",
            IllegalArgumentException.class,
            () -> queue.pull("..", null),
            "queueCode"));
  }

  static Stream<Arguments> eventLog() {
    return Stream.of(
        bad(
            "EventLogQuery.limit(0)",
            IllegalArgumentException.class,
            () -> EventLogQuery.all().limit(0),
            "limit",
            "0"),
        bad(
            "EventLogQuery.limit(1001) (oversize)",
            IllegalArgumentException.class,
            () -> EventLogQuery.all().limit(1001),
            "limit",
            "1001"),
        nul("EventLogQuery.since(null)", () -> EventLogQuery.since(null), "since"),
        bad(
            "EventLogQuery.from(checkpoint with a malformed position)",
            IllegalArgumentException.class,
            () -> EventLogQuery.all().from(Checkpoint.of("yesterday", List.of(), 1)),
            "yesterday"),
        nul("EventLogQuery.from(null)", () -> EventLogQuery.all().from(null), "checkpoint"),
        bad(
            "EventLogQuery.eventTypes(null array)",
            NullPointerException.class,
            () -> EventLogQuery.all().eventTypes((LogEventType[]) null),
            "types == null"),
        bad(
            "EventLogQuery.eventTypes(null element)",
            NullPointerException.class,
            () -> EventLogQuery.all().eventTypes(LogEventType.TRANSACTION_STATUS_CHANGE, null),
            "eventTypes"),
        nul("EventLogQuery.encoding(null)", () -> EventLogQuery.all().encoding(null), "encoding"),
        nul("eventLog().list(null)", () -> client.eventLog().list(null), "query"),
        bad(
            "eventLog().poller(blank stream)",
            IllegalArgumentException.class,
            () -> client.eventLog().poller(""),
            "streamName"));
  }

  static Stream<Arguments> pollerBuilder() {
    EventHandler<QueueEvent> ignore = event -> {};
    return Stream.of(
        bad(
            "concurrency(0, key)",
            IllegalArgumentException.class,
            () -> queue.poller(queueCode).concurrency(0, QueueEvent::id),
            "concurrency",
            "0"),
        bad(
            "concurrency(257, key) (oversize)",
            IllegalArgumentException.class,
            () -> queue.poller(queueCode).concurrency(257, QueueEvent::id),
            "257"),
        nul(
            "concurrency(2, null key)",
            () -> queue.poller(queueCode).concurrency(2, null),
            "orderingKey"),
        bad(
            "idleBackoff(negative)",
            IllegalArgumentException.class,
            () -> queue.poller(queueCode).idleBackoff(Duration.ofMillis(-5)),
            "idleBackoff"),
        nul(
            "errorBackoff(null, max)",
            () -> queue.poller(queueCode).errorBackoff(null, Duration.ZERO),
            "errorBackoff"),
        bad(
            "errorBackoff(initial, negative max)",
            IllegalArgumentException.class,
            () -> queue.poller(queueCode).errorBackoff(Duration.ZERO, Duration.ofSeconds(-1)),
            "maxErrorBackoff"),
        nul("cursorStore(null)", () -> queue.poller(queueCode).cursorStore(null), "cursorStore"),
        nul(
            "handler(null)",
            () -> queue.poller(queueCode).handler((EventHandler<QueueEvent>) null),
            "handler"),
        nul("retryPolicy(null)", () -> queue.poller(queueCode).retryPolicy(null), "retryPolicy"),
        nul(
            "failurePolicy(null)",
            () -> queue.poller(queueCode).failurePolicy(null),
            "failurePolicy"),
        bad(
            "build() without a cursor store",
            IllegalStateException.class,
            () -> queue.poller(queueCode).handler(ignore).build(),
            "cursorStore"),
        bad(
            "build() without a handler",
            IllegalStateException.class,
            () -> queue.poller(queueCode).cursorStore(CursorStore.inMemory()).build(),
            "handler"));
  }

  /** Writes a checkpoint file for the stream of {@link #queueCode} in a fresh directory. */
  private static Path checkpointDir(String name, String content) {
    try {
      Path directory = Files.createDirectories(dir.resolve(name));
      Files.writeString(directory.resolve("tiki-queue-" + queueCode + ".checkpoint.json"), content);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cursorStores() {
    List<Arguments> cases = new ArrayList<>();
    String[][] corrupt = {
      {"not JSON", "{\"stream\": \"tiki-queue-"},
      {"empty", ""},
      {"an array", "[1, 2]"},
      {
        "a non-string done id",
        "{\"stream\":\"S\",\"position\":null,\"done_ids\":[7],\"version\":1}"
      },
      {"no version", "{\"stream\":\"S\",\"position\":\"a\",\"done_ids\":[]}"},
      {
        "another stream's",
        "{\"stream\":\"other\",\"position\":\"a\",\"done_ids\":[],\"version\":1}"
      },
    };
    for (String[] file : corrupt) {
      String name = "CursorStore.file with " + file[0] + " checkpoint: poller.pollOnce()";
      String directoryName = "corrupt-" + cases.size();
      cases.add(
          bad(
              name,
              CursorStoreException.class,
              () -> {
                Path directory =
                    checkpointDir(
                        directoryName,
                        file[1].replace("\"S\"", "\"tiki-queue-" + queueCode + "\""));
                queue
                    .poller(queueCode)
                    .cursorStore(CursorStore.file(directory))
                    .handler(event -> {})
                    .build()
                    .pollOnce();
              },
              directoryName,
              "checkpoint"));
    }
    cases.add(
        bad(
            "CursorStore.file with a negative version",
            CursorStoreException.class,
            () ->
                CursorStore.file(
                        checkpointDir(
                            "negative-version",
                            "{\"stream\":\"tiki-queue-"
                                + queueCode
                                + "\",\"position\":null,\"done_ids\":[],\"version\":-1}"))
                    .load("tiki-queue-" + queueCode),
            "negative-version"));
    cases.add(nul("CursorStore.file(null)", () -> CursorStore.file(null), "directory"));
    cases.add(
        bad(
            "CursorStore.singleFile(root)",
            IllegalArgumentException.class,
            () -> CursorStore.singleFile(Path.of("/")),
            "cursor file"));
    return cases.stream();
  }

  static Stream<Arguments> collector() {
    SqsSettings settings =
        new SqsSettings(
            "AKIA1", AWS_SECRET, "https://sqs.ap-southeast-2.amazonaws.com/1/q", "ap-southeast-2");
    return Stream.of(
        nul("collector(null)", () -> client.collector(null), "tenantId"),
        bad(
            "collector(blank)",
            IllegalArgumentException.class,
            () -> client.collector("  "),
            "tenantId"),
        bad(
            "collector(with space)",
            IllegalArgumentException.class,
            () -> client.collector("tenant a"),
            "tenant a"),
        bad(
            "collector(t).events().get(blank)",
            IllegalArgumentException.class,
            () -> client.collector("t").events().get(""),
            "id"),
        bad(
            "collector(t).jobs().update(blank, job)",
            IllegalArgumentException.class,
            () ->
                client
                    .collector("t")
                    .jobs()
                    .update(" ", Job.builder(Notification.REMINDER, "0 9 * * *", "d-1").build()),
            "jobId"),
        bad(
            "Job cron with 61 minutes",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, "61 * * * *", "d-1").build(),
            "schedule",
            "61 * * * *"),
        bad(
            "Job cron with 3 fields",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, "* * *", "d-1").build(),
            "* * *"),
        bad(
            "Job cron macro",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, "@daily", "d-1").build(),
            "@daily"),
        bad(
            "Job cron with an oversize step",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, "*/99999999999 * * * *", "d-1").build(),
            "*/99999999999"),
        bad(
            "Job cron blank",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, " ", "d-1").build(),
            "schedule"),
        nul("Job cron null", () -> Job.builder(Notification.REMINDER, null, "d-1"), "schedule"),
        bad(
            "Job blank template",
            IllegalArgumentException.class,
            () -> Job.builder(Notification.REMINDER, "0 9 * * *", "").build(),
            "template_id"),
        bad(
            "Job numberOfItemsInEmail(0)",
            IllegalArgumentException.class,
            () ->
                Job.builder(Notification.REMINDER, "0 9 * * *", "d-1")
                    .numberOfItemsInEmail(0)
                    .build(),
            "number_of_items_in_email",
            "0"),
        nul(
            "EventSubscription.builder(null type)",
            () -> EventSubscription.builder(null, Destination.sqs(settings)),
            "entityType"),
        secret(
            "SqsSettings with a malformed queue URL",
            IllegalArgumentException.class,
            AWS_SECRET,
            () ->
                EventSubscription.builder(
                        EntityType.ORDER,
                        Destination.sqs(new SqsSettings("AKIA1", AWS_SECRET, "sqs:nope", "eu-1")))
                    .build(),
            "queueUrl",
            "sqs:nope"),
        secret(
            "SqsSettings without a region",
            IllegalArgumentException.class,
            AWS_SECRET,
            () ->
                EventSubscription.builder(
                        EntityType.ORDER,
                        Destination.sqs(
                            new SqsSettings(
                                "AKIA1", AWS_SECRET, "https://sqs.example.com/1/q", null)))
                    .build(),
            "region"));
  }

  static Stream<Arguments> fulfillment() {
    return Stream.of(
        secret(
            "orderWebhook(not a URL)",
            IllegalArgumentException.class,
            SECRET.reveal(),
            () -> WebhookRegistration.builder().orderWebhook("not a url", SECRET),
            "sync_webhook.order.url",
            "not a url"),
        secret(
            "orderWebhook(plain http to a public host)",
            IllegalArgumentException.class,
            SECRET.reveal(),
            () -> WebhookRegistration.builder().orderWebhook("http://oms.example.com/h", SECRET),
            "http://oms.example.com/h"),
        nul(
            "orderWebhook(null url)",
            () -> WebhookRegistration.builder().orderWebhook(null, SECRET),
            "sync_webhook.order.url"),
        nul(
            "stockWebhook(url, null secret)",
            () -> WebhookRegistration.builder().stockWebhook("https://oms.example.com/s", null),
            "sync_webhook.stock.secret_key"),
        nul(
            "inventoryLocations(null array)",
            () -> WebhookRegistration.builder().inventoryLocations((String[]) null),
            "codes"),
        bad(
            "inventoryLocations(blank)",
            IllegalArgumentException.class,
            () -> WebhookRegistration.builder().inventoryLocations("sgn", " "),
            "sync_inventory_location[1]"),
        bad(
            "externalPartnerId(blank)",
            IllegalArgumentException.class,
            () -> WebhookRegistration.builder().externalPartnerId(""),
            "external_partner_id"),
        bad(
            "build() without a location",
            IllegalStateException.class,
            () ->
                WebhookRegistration.builder()
                    .orderWebhook("https://oms.example.com/o", SECRET)
                    .build(),
            "sync_inventory_location"),
        bad(
            "build() without the order webhook",
            IllegalStateException.class,
            () -> WebhookRegistration.builder().inventoryLocations("sgn").build(),
            "sync_webhook.order"),
        nul(
            "registerWebhooks(null)",
            () -> client.fulfillment().registerWebhooks(null),
            "registration"));
  }

  static Stream<Arguments> customerOrders() {
    OrderItem item = OrderItem.of("i-1", 1, new BigDecimal("9.90"));
    return Stream.of(
        nul(
            "CustomerOrder.builder(null id)",
            () -> CustomerOrder.builder(null, "c", CustomerOrderStatus.CREATED),
            "customerOrderId"),
        nul(
            "CustomerOrder.builder(id, null customer)",
            () -> CustomerOrder.builder("o-1", null, CustomerOrderStatus.CREATED),
            "customerId"),
        nul(
            "CustomerOrder.builder(id, customer, null status)",
            () -> CustomerOrder.builder("o-1", "c", null),
            "status"),
        bad(
            "CustomerOrder blank id",
            IllegalArgumentException.class,
            () -> CustomerOrder.builder(" ", "c", CustomerOrderStatus.CREATED).item(item).build(),
            "customerOrderId"),
        bad(
            "customerOrders().put(order without items)",
            IllegalArgumentException.class,
            () ->
                client
                    .customerOrders()
                    .put(
                        "bu-1",
                        new CustomerOrder(
                            "o-1", "c", CustomerOrderStatus.CREATED, null, null, null, null)),
            "customerOrder.items",
            "o-1"),
        bad(
            "CustomerOrder item without a price",
            IllegalArgumentException.class,
            () ->
                CustomerOrder.builder("o-1", "c", CustomerOrderStatus.CREATED)
                    .item(new OrderItem("i-1", BigDecimal.ONE, null))
                    .build(),
            "customerOrder.items[0].unitPrice",
            "o-1"),
        bad(
            "CustomerOrderUpdate with a negative version",
            IllegalArgumentException.class,
            () ->
                CustomerOrderUpdate.of(
                    "bu-1",
                    CustomerOrder.builder("o-1", "c", CustomerOrderStatus.CREATED)
                        .item(item)
                        .build(),
                    -1),
            "version",
            "-1"),
        bad(
            "customerOrders().put(blank business unit, order)",
            IllegalArgumentException.class,
            () ->
                client
                    .customerOrders()
                    .put(
                        " ",
                        CustomerOrder.builder("o-1", "c", CustomerOrderStatus.CREATED)
                            .item(item)
                            .build()),
            "businessUnitId"),
        bad(
            "customerOrders().withPathTemplate(no placeholders)",
            IllegalArgumentException.class,
            () -> client.customerOrders().withPathTemplate("/orders"),
            "/orders"),
        bad(
            "publisher().concurrency(0)",
            IllegalArgumentException.class,
            () -> client.customerOrders().publisher().concurrency(0),
            "concurrency",
            "0"),
        bad(
            "publisher().stream(blank)",
            IllegalArgumentException.class,
            () -> client.customerOrders().publisher().stream(" "),
            "stream"));
  }

  static Stream<Arguments> webhooks() {
    return Stream.of(
        nul("WebhookVerifier.builder(null)", () -> WebhookVerifier.builder(null), "scheme"),
        bad(
            "WebhookVerifier without a secret",
            IllegalStateException.class,
            () -> WebhookVerifier.builder(SignatureScheme.TIKINOW).build(),
            "secret"),
        bad(
            "WebhookVerifier.maxBodyBytes(-1)",
            IllegalArgumentException.class,
            () -> WebhookVerifier.builder(SignatureScheme.TIKINOW).maxBodyBytes(-1),
            "maxBodyBytes",
            "-1"),
        bad(
            "WebhookVerifier.secret(duplicate id)",
            IllegalArgumentException.class,
            () ->
                WebhookVerifier.builder(SignatureScheme.TIKINOW)
                    .secret("k1", SECRET)
                    .secret("k1", WebhookSecret.generate()),
            "k1"),
        bad(
            "hubSha256(bad header name)",
            IllegalArgumentException.class,
            () -> SignatureScheme.hubSha256("X Hub"),
            "X Hub"),
        bad(
            "standardWebhooks(negative tolerance)",
            IllegalArgumentException.class,
            () -> SignatureScheme.standardWebhooks(Duration.ofSeconds(-1)),
            "tolerance"),
        secret(
            "SigningKey.standardWebhooks(not base64)",
            IllegalArgumentException.class,
            "not-base64!!SECRET",
            () -> SigningKey.standardWebhooks("whsec_not-base64!!SECRET"),
            "base64"),
        secret(
            "SigningKey.standardWebhooks(without prefix)",
            IllegalArgumentException.class,
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            () -> SigningKey.standardWebhooks("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            "whsec_"),
        nul(
            "WebhookSigner.of(scheme, null secret)",
            () -> WebhookSigner.of(SignatureScheme.TIKINOW, (WebhookSecret) null),
            "secret"),
        nul(
            "verify(headers, null body)",
            () ->
                WebhookVerifier.builder(SignatureScheme.TIKINOW)
                    .secret(SECRET)
                    .build()
                    .verify(java.util.Map.of(), null),
            "body"));
  }
}
