package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.ApiException;
import io.eventsync.EventSyncClient;
import io.eventsync.InvalidRequestException;
import io.eventsync.NotFoundException;
import io.eventsync.ServerException;
import io.eventsync.auth.Credentials;
import io.eventsync.testing.CapturingLogs;
import io.eventsync.testing.RecordingSleeper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CollectorApiTest {
  private static final String ACCESS_KEY = "AKIAEXAMPLEKEY0001";
  private static final String ACCESS_SECRET = "aws-secret-never-logged-0001";
  private static final String SUBSCRIPTION_JSON =
      "{\"id\":\"s-1\",\"active\":true,\"entityType\":\"CUSTOMER\",\"subscribeCreate\":true,"
          + "\"subscribeChange\":false,\"subscribeDelete\":false,\"destination\":{\"type\":\"SQS\","
          + "\"sqs\":{\"accessKey\":\""
          + ACCESS_KEY
          + "\",\"accessSecret\":\""
          + ACCESS_SECRET
          + "\",\"queueUrl\":\"https://sqs.ap-southeast-2.amazonaws.com/1/q\","
          + "\"region\":\"ap-southeast-2\"}}}";
  private static final String JOB_JSON =
      "{\"id\":\"j-1\",\"deleted\":false,\"is_active\":true,\"is_scheduled\":true,"
          + "\"job_parameters\":{\"campaign_id\":\"c-1\",\"utm_medium\":\"email\"},"
          + "\"notification\":\"PRICE_DROP\",\"number_of_items_in_email\":-1,"
          + "\"schedule\":\"0 9 * * MON\",\"template_id\":\"d-123\"}";

  private final MockWebServer server = new MockWebServer();
  private EventSyncClient client;
  private CollectorApi collector;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client =
        EventSyncClient.builder()
            .baseUrl(server.url("/services/eventcollector").toString())
            .credentials(Credentials.bearer("t0ken"))
            .sleeper(new RecordingSleeper())
            .build();
    collector = client.collector("tenant-a");
    CapturingLogs.clear();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private void answer(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  private RecordedRequest take(String method, String path) throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo(method);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/services/eventcollector" + path);
    assertThat(request.getHeaders().get("X-TWC-Tenant")).isEqualTo("tenant-a");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
    return request;
  }

  private static SqsSettings sqs() {
    return new SqsSettings(
        ACCESS_KEY,
        ACCESS_SECRET,
        "https://sqs.ap-southeast-2.amazonaws.com/1/q",
        "ap-southeast-2");
  }

  @Test
  void createEventPostsSnakeCaseBodyWithTenantAndDecodesTheStoredEvent() throws Exception {
    answer(
        201,
        "{\"id\":\"e-1\",\"entity_id\":\"c-9\",\"event_source\":\"CONNECTOR\","
            + "\"event_type\":\"ENTITY_EVENT\",\"event_payload\":{\"entity_id\":\"c-9\","
            + "\"operation\":\"UPDATE\",\"base64_encoded_payload_json\":\"eyJhIjoxfQ==\","
            + "\"key_attributes\":{\"correlationId\":\"k-1\"}}}");
    CollectorEvent event =
        CollectorEvent.builder(CollectorEventType.ENTITY_EVENT, "c-9")
            .eventSource(EventOrigin.CONNECTOR)
            .payload(
                EventPayload.builder()
                    .entityId("c-9")
                    .operation(Operation.UPDATE)
                    .payloadJson("{\"a\":1}")
                    .keyAttribute("correlationId", "k-1")
                    .build())
            .build();

    CollectorEvent created = collector.events().create(event);

    RecordedRequest request = take("POST", "/api/v1/events");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8())
        .isEqualTo(
            "{\"entity_id\":\"c-9\",\"event_source\":\"CONNECTOR\",\"event_type\":\"ENTITY_EVENT\","
                + "\"event_payload\":{\"entity_id\":\"c-9\",\"operation\":\"UPDATE\","
                + "\"base64_encoded_payload_json\":\"eyJhIjoxfQ==\","
                + "\"key_attributes\":{\"correlationId\":\"k-1\"}}}");
    assertThat(created.id()).isEqualTo("e-1");
    assertThat(created.eventPayload().payloadJson()).isEqualTo("{\"a\":1}");
    assertThat(created.eventPayload().keyAttributes()).containsEntry("correlationId", "k-1");
  }

  @Test
  void createEventIsNotRetriedOnceSent() {
    answer(500, "{\"title\":\"Internal Server Error\",\"status\":500}");
    CollectorEvent event = CollectorEvent.builder(CollectorEventType.FAULT, "c-1").build();

    assertThatThrownBy(() -> collector.events().create(event)).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void getEventEncodesTheIdAsOneSegmentAndKeepsUnknownValues() throws Exception {
    answer(
        200,
        "{\"id\":\"a/b\",\"entity_id\":\"c-1\",\"event_source\":\"SATELLITE\","
            + "\"event_type\":\"WARNING\",\"event_payload\":{\"operation\":\"MERGE\"},\"extra\":1}");

    CollectorEvent event = collector.events().get("a/b");

    take("GET", "/api/v1/events/a%2Fb");
    assertThat(event.eventSource()).isEqualTo(EventOrigin.of("SATELLITE"));
    assertThat(event.eventType().value()).isEqualTo("WARNING");
    assertThat(event.eventType().isKnown()).isFalse();
    assertThat(event.eventPayload().operation()).isEqualTo(Operation.of("MERGE"));
    assertThat(event.eventPayload().operation().isKnown()).isFalse();
    assertThat(event.eventPayload().keyAttributes()).isEmpty();
  }

  @Test
  void getEventMapsProblemJsonTo404() {
    answer(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"event x does not exist\"}");

    assertThatThrownBy(() -> collector.events().get("x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("event x does not exist");
  }

  @Test
  void createSubscriptionPostsCamelCaseAndRedactsCredentialsEverywhere() throws Exception {
    answer(201, SUBSCRIPTION_JSON);
    EventSubscription subscription =
        EventSubscription.builder(EntityType.CUSTOMER, Destination.sqs(sqs()))
            .subscribeCreate(true)
            .build();

    EventSubscription created = collector.subscriptions().create(subscription);

    RecordedRequest request = take("POST", "/api/v1/event-subscription");
    assertThat(request.getBody().utf8())
        .isEqualTo(SUBSCRIPTION_JSON.replace("\"id\":\"s-1\",", ""));
    assertThat(created.id()).isEqualTo("s-1");
    assertThat(created.destination().sqs().accessSecret()).isEqualTo(ACCESS_SECRET);
    String everything =
        created + " " + subscription + " " + String.join("\n", CapturingLogs.lines());
    assertThat(CapturingLogs.lines()).anyMatch(line -> line.contains("request body"));
    assertThat(everything).doesNotContain(ACCESS_SECRET).doesNotContain(ACCESS_KEY);
    assertThat(created.destination().sqs().toString())
        .isEqualTo(
            "SqsSettings[accessKey=██, accessSecret=██,"
                + " queueUrl=https://sqs.ap-southeast-2.amazonaws.com/1/q, region=ap-southeast-2]");
  }

  @Test
  void updateSubscriptionPutsWithTheIdInTheBody() throws Exception {
    answer(201, SUBSCRIPTION_JSON);
    EventSubscription existing =
        EventSubscription.builder(EntityType.CUSTOMER, Destination.sqs(sqs())).build();

    assertThatThrownBy(() -> collector.subscriptions().update(existing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id is required");

    EventSubscription changed =
        collector
            .subscriptions()
            .update(
                new EventSubscription(
                    "s-1", true, EntityType.CUSTOMER, true, false, false, Destination.sqs(sqs())));

    RecordedRequest request = take("PUT", "/api/v1/event-subscription");
    assertThat(request.getBody().utf8()).isEqualTo(SUBSCRIPTION_JSON);
    assertThat(changed.subscribeCreate()).isTrue();
  }

  @Test
  void listAndGetSubscriptions() throws Exception {
    answer(200, "[" + SUBSCRIPTION_JSON + "]");
    answer(200, SUBSCRIPTION_JSON.replace("\"SQS\"", "\"KINESIS\""));

    List<EventSubscription> all = collector.subscriptions().list();
    EventSubscription one = collector.subscriptions().get("s-1");

    take("GET", "/api/v1/event-subscription");
    take("GET", "/api/v1/event-subscription/s-1");
    assertThat(all).extracting(EventSubscription::id).containsExactly("s-1");
    assertThat(one.destination().type()).isEqualTo(DestinationType.of("KINESIS"));
  }

  @Test
  void deactivateUnwrapsTheSerializedResponseEntity() throws Exception {
    answer(200, "{\"body\": {}, \"statusCode\": \"ACCEPTED\", \"statusCodeValue\": 0}");

    collector.subscriptions().deactivate("s-1");

    RecordedRequest request = take("PUT", "/api/v1/event-subscription/s-1/deactivate");
    assertThat(request.getBody().size()).isZero();
  }

  @Test
  void deactivateTakesAPlainSuccessWithoutWrapperAsDone() {
    server.enqueue(new MockResponse.Builder().code(204).build());
    answer(200, "{\"id\": \"s-1\", \"active\": false}");

    collector.subscriptions().deactivate("s-1");
    collector.subscriptions().deactivate("s-1");

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void deactivateFailsWhenTheWrappedStatusIsNotASuccess() {
    answer(200, "{\"body\": null, \"statusCode\": \"NOT_FOUND\", \"statusCodeValue\": 404}");
    answer(200, "{\"body\": {}, \"statusCode\": \"BAD_REQUEST\", \"statusCodeValue\": 0}");

    assertThatThrownBy(() -> collector.subscriptions().deactivate("s-1"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
            })
        .hasMessage(
            "PUT /services/eventcollector/api/v1/event-subscription/s-1/deactivate answered HTTP"
                + " 200 wrapping status NOT_FOUND 404: the subscription was not deactivated");
    assertThatThrownBy(() -> collector.subscriptions().deactivate("s-1"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo("BAD_REQUEST"));
  }

  @Test
  void createJobPostsTheJobAndUpdateKeepsTheId() throws Exception {
    answer(201, JOB_JSON);
    answer(200, JOB_JSON.replace("PRICE_DROP", "LOW_STOCK"));
    Job job =
        Job.builder(Notification.PRICE_DROP, "0 9 * * MON", "d-123")
            .parameters(new JobParameters("c-1", "email"))
            .build();

    Job created = collector.jobs().create(job);
    Job updated =
        collector
            .jobs()
            .update("j-1", created.toBuilder().notification(Notification.LOW_STOCK).build());

    RecordedRequest create = take("POST", "/api/v1/jobs");
    assertThat(create.getBody().utf8())
        .isEqualTo(JOB_JSON.replace("\"id\":\"j-1\",\"deleted\":false,", ""));
    RecordedRequest update = take("PUT", "/api/v1/jobs/j-1");
    assertThat(update.getBody().utf8())
        .isEqualTo(JOB_JSON.replace("\"deleted\":false,", "").replace("PRICE_DROP", "LOW_STOCK"));
    assertThat(created.numberOfItemsInEmail()).isEqualTo(Job.WHOLE_WISHLIST);
    assertThat(updated.notification()).isEqualTo(Notification.LOW_STOCK);
  }

  @Test
  void updateJobRejectsAnotherId() {
    Job job =
        new Job("j-2", null, true, true, null, Notification.REMINDER, 3, "0 9 * * *", null, "d");

    assertThatThrownBy(() -> collector.jobs().update("j-1", job))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a job's id cannot change: the job carries id \"j-2\", not \"j-1\"");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void deleteJobIsASoftDeletePostWithoutBodyNeverRetriedOnceSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    answer(502, "");

    collector.jobs().delete("j-1");
    assertThatThrownBy(() -> collector.jobs().delete("j-1")).isInstanceOf(ServerException.class);

    RecordedRequest request = take("POST", "/api/v1/jobs/j-1");
    assertThat(request.getBody().size()).isZero();
    take("POST", "/api/v1/jobs/j-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void deleteJobFailsOnAGarbledAnswerInsteadOfReportingSuccess() {
    answer(200, "{\"sandbox_fault\": \"malformed\", \"data\": [");

    assertThatThrownBy(() -> collector.jobs().delete("j-1"))
        .isInstanceOf(io.eventsync.DecodingException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverValidationErrorsAreTyped() {
    answer(
        400,
        "{\"type\":\"https://www.jhipster.tech/problem/problem-with-message\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"schedule is not valid\"}");
    Job job = Job.builder(Notification.REMINDER, "0 9 * * *", "d").build();

    assertThatThrownBy(() -> collector.jobs().create(job))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.errorMessage()).isEqualTo("schedule is not valid"));
  }

  @Test
  void blankOrUnprintableTenantIsRejectedAtOnce() {
    assertThatThrownBy(() -> client.collector(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenantId is blank");
    assertThatThrownBy(() -> client.collector("a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenantId must be printable ASCII without spaces but was \"a\nb\"");
    assertThatThrownBy(() -> client.collector(null)).hasMessage("tenantId == null");
    assertThat(client.collector("t-2").tenantId()).isEqualTo("t-2");
  }

  @Test
  void eventsDecodeBase64PayloadsAsTypedValues() {
    answer(
        200,
        "{\"id\":\"e\",\"entity_id\":\"c\",\"event_source\":\"SYSTEM\",\"event_type\":\"FAULT\","
            + "\"event_payload\":{\"base64_encoded_fault_json\":\"eyJjb2RlIjoiRTEifQ\"}}");

    EventPayload payload = collector.events().get("e").eventPayload();

    assertThat((Object) payload.fault(Map.class)).isEqualTo(Map.of("code", "E1"));
    assertThat(payload.payloadJson()).isNull();
  }
}
