package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CollectorTest {
  private static final String EVENT =
      "{\"entity_id\": \"e1\", \"entity_name\": \"order\", \"event_source\": \"APPLICATION\","
          + " \"event_type\": \"ENTITY_EVENT\", \"event_payload\": {\"entity_id\": \"e1\","
          + " \"operation\": \"BULK_CREATE\", \"base64_encoded_payload_json\": \"e30=\","
          + " \"key_attributes\": {\"correlationId\": \"c-1\"}}}";
  private static final String SUBSCRIPTION =
      "{\"active\": true, \"entityType\": \"CUSTOMER\", \"subscribeCreate\": true,"
          + " \"subscribeChange\": true, \"subscribeDelete\": false, \"destination\": {\"type\":"
          + " \"SNS\", \"sqs\": {\"accessKey\": \"AK\", \"accessSecret\": \"SECRET\", \"queueUrl\":"
          + " \"https://sqs/q\", \"region\": \"ap-southeast-2\"}}}";
  private static final String JOB =
      "{\"notification\": \"PRICE_DROP\", \"schedule\": \"0 0 9 * * MON-FRI\", \"template_id\":"
          + " \"d-123\", \"number_of_items_in_email\": -1, \"job_parameters\": {\"campaign_id\":"
          + " \"c\", \"utm_medium\": \"email\"}}";

  private EventSyncSandbox sandbox;
  private Http http;

  @BeforeEach
  void start() {
    sandbox = EventSyncSandbox.start();
    http = new Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private Http.Reply call(String method, String path, String tenant, String json) {
    Request.Builder request =
        new Request.Builder()
            .url(sandbox.url() + path)
            .header("Authorization", Http.BEARER)
            .method(method, json == null ? null : RequestBody.create(json, Http.JSON));
    if (tenant != null) {
      request.header("X-TWC-Tenant", tenant);
    }
    return http.call(request.build());
  }

  @Test
  void createsAndGetsAnEvent() {
    Http.Reply created = call("POST", "/api/v1/events", "acme", EVENT);

    assertThat(created.status).isEqualTo(201);
    assertThat(created.map()).containsKey("id").containsEntry("event_type", "ENTITY_EVENT");
    Http.Reply got = call("GET", "/api/v1/events/" + created.map().get("id"), "acme", null);
    assertThat(got.status).isEqualTo(200);
    assertThat(got.map()).isEqualTo(created.map());
  }

  @Test
  void subscriptionLifecycleEndsWithTheDocumentedDeactivateWrapper() {
    Map<String, Object> created =
        call("POST", "/api/v1/event-subscription", "acme", SUBSCRIPTION).map();
    String id = (String) created.get("id");
    String update =
        SUBSCRIPTION
            .replace("\"CUSTOMER\"", "\"ORDER\"")
            .replace("{\"active\"", "{\"id\": \"" + id + "\", \"active\"");

    Http.Reply updated = call("PUT", "/api/v1/event-subscription", "acme", update);
    Http.Reply deactivated =
        call("PUT", "/api/v1/event-subscription/" + id + "/deactivate", "acme", "");

    assertThat(created)
        .containsOnlyKeys(
            "id",
            "active",
            "entityType",
            "subscribeCreate",
            "subscribeChange",
            "subscribeDelete",
            "destination");
    assertThat(updated.status).isEqualTo(201);
    assertThat(updated.map()).containsEntry("id", id).containsEntry("entityType", "ORDER");
    assertThat(deactivated.status).isEqualTo(200);
    assertThat(deactivated.body)
        .isEqualTo("{\"body\":{},\"statusCode\":\"ACCEPTED\",\"statusCodeValue\":0}");
    assertThat(call("GET", "/api/v1/event-subscription", "acme", null).list()).isEmpty();
    assertThat(call("GET", "/api/v1/event-subscription/" + id, "acme", null).map())
        .containsEntry("active", false);
  }

  @Test
  void jobsAreCreatedUpdatedAndSoftDeletedByPost() {
    Http.Reply created = call("POST", "/api/v1/jobs", "acme", JOB);
    String id = (String) created.map().get("id");

    Http.Reply updated =
        call("PUT", "/api/v1/jobs/" + id, "acme", JOB.replace("PRICE_DROP", "LOW_STOCK"));
    Http.Reply deleted = call("POST", "/api/v1/jobs/" + id, "acme", "");

    assertThat(created.status).isEqualTo(201);
    assertThat(created.map())
        .containsEntry("deleted", false)
        .containsEntry("is_active", true)
        .containsEntry("number_of_items_in_email", -1L);
    assertThat(updated.status).isEqualTo(200);
    assertThat(updated.map()).containsEntry("notification", "LOW_STOCK").containsEntry("id", id);
    assertThat(deleted.status).isEqualTo(204);
    assertThat(sandbox.collectorJob("acme", id)).containsEntry("deleted", true);
    assertThat(call("PUT", "/api/v1/jobs/" + id, "acme", JOB).status).isEqualTo(404);
  }

  @Test
  void badCronAndBadInputAreProblemJson() {
    Http.Reply badCron =
        call("POST", "/api/v1/jobs", "acme", JOB.replace("0 0 9 * * MON-FRI", "61 * * * *"));
    Http.Reply badEnum =
        call("POST", "/api/v1/jobs", "acme", JOB.replace("PRICE_DROP", "SOMETHING"));
    Http.Reply malformed = call("POST", "/api/v1/events", "acme", "{");
    Http.Reply missing = call("GET", "/api/v1/events/nope", "acme", null);

    assertThat(badCron.status).isEqualTo(400);
    assertThat(badCron.headers.get("Content-Type")).startsWith("application/problem+json");
    assertThat(badCron.map())
        .containsEntry("title", "Bad Request")
        .containsEntry("status", 400L)
        .containsEntry(
            "detail",
            "schedule is not a valid cron expression: minute field '61': 61 is out of range 0-59");
    assertThat(badEnum.status).isEqualTo(400);
    assertThat(malformed.status).isEqualTo(400);
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.map()).containsEntry("title", "Not Found");
  }

  @Test
  void tenantHeaderIsRequired() {
    Http.Reply reply = call("GET", "/api/v1/event-subscription", null, null);

    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.map()).containsEntry("detail", "the X-TWC-Tenant header is required");
  }

  @Test
  void tenantsAreIsolated() {
    String id =
        (String) call("POST", "/api/v1/event-subscription", "acme", SUBSCRIPTION).map().get("id");
    String event = (String) call("POST", "/api/v1/events", "acme", EVENT).map().get("id");

    assertThat(call("GET", "/api/v1/event-subscription", "globex", null).list()).isEmpty();
    assertThat(call("GET", "/api/v1/event-subscription/" + id, "globex", null).status)
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/events/" + event, "globex", null).status).isEqualTo(404);
    assertThat(call("PUT", "/api/v1/event-subscription/" + id + "/deactivate", "globex", "").status)
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/event-subscription", "acme", null).list()).hasSize(1);
  }

  @Test
  void servicePrefixedPathsWorkToo() {
    assertThat(call("POST", "/services/eventcollector/api/v1/events", "acme", EVENT).status)
        .isEqualTo(201);
  }
}
