package io.eventsync.collector;

import io.eventsync.ApiException;
import io.eventsync.internal.ApiContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The collector's event subscriptions of one tenant, under {@code /api/v1/event-subscription}.
 * Obtain it from {@link CollectorApi#subscriptions()}; immutable and thread-safe.
 */
public final class SubscriptionsApi {
  /** Spring {@code HttpStatus} names of the 2xx statuses. */
  private static final Set<String> SUCCESS_NAMES =
      Set.of(
          "OK",
          "CREATED",
          "ACCEPTED",
          "NON_AUTHORITATIVE_INFORMATION",
          "NO_CONTENT",
          "RESET_CONTENT",
          "PARTIAL_CONTENT",
          "MULTI_STATUS",
          "ALREADY_REPORTED",
          "IM_USED");

  private static final String PATH = "event-subscription";

  private final TenantCalls calls;

  SubscriptionsApi(TenantCalls calls) {
    this.calls = calls;
  }

  /**
   * Creates a subscription and returns it with its id. Not retried once the request may have
   * reached the collector; {@link #list()} to check after an {@link
   * io.eventsync.ApiConnectionException}.
   *
   * @throws IllegalArgumentException if the entity type or destination is missing or invalid
   */
  public EventSubscription create(EventSubscription subscription) {
    Objects.requireNonNull(subscription, "subscription == null");
    subscription.validate();
    return calls.exchange(
        "POST", Adapters.SUBSCRIPTION, subscription, false, "created subscription", PATH);
  }

  /**
   * Replaces the subscription with {@code subscription.id()} ({@code PUT}, the id in the body).
   * Idempotent.
   *
   * @throws IllegalArgumentException if the id is missing, or a field is missing or invalid
   */
  public EventSubscription update(EventSubscription subscription) {
    Objects.requireNonNull(subscription, "subscription == null");
    Checks.requiredText(subscription.id(), "id");
    subscription.validate();
    return calls.exchange(
        "PUT", Adapters.SUBSCRIPTION, subscription, true, "updated subscription", PATH);
  }

  /** Lists the tenant's active subscriptions. */
  public List<EventSubscription> list() {
    return calls.get(Adapters.SUBSCRIPTIONS, "subscription list", PATH);
  }

  /**
   * Returns the subscription with {@code id}.
   *
   * @throws io.eventsync.NotFoundException if the tenant has no such subscription
   */
  public EventSubscription get(String id) {
    ApiContext.requireId(id, "id");
    return calls.get(Adapters.SUBSCRIPTION, "subscription", PATH, id);
  }

  /**
   * Deactivates the subscription with {@code id}. Idempotent. The collector answers with a
   * serialized Spring {@code ResponseEntity} ({@code {"body": {}, "statusCode": "ACCEPTED",
   * "statusCodeValue": 0}}); this returns when it reports a 2xx status and throws otherwise.
   *
   * @throws ApiException if the wrapped status is not a success (its status code is the wrapped one
   *     when known, else 200, and its error code the wrapped status name)
   * @throws io.eventsync.NotFoundException if the tenant has no such subscription
   */
  public void deactivate(String id) {
    ApiContext.requireId(id, "id");
    calls.send("PUT", null, true, SubscriptionsApi::readWrappedStatus, PATH, id, "deactivate");
  }

  /**
   * Reads the serialized {@code ResponseEntity}; an empty body or one that is not such a wrapper
   * leaves the HTTP status (2xx) as the answer.
   */
  private static @Nullable Void readWrappedStatus(Response response) throws IOException {
    String body = response.body().string();
    Object root =
        body.isBlank()
            ? null
            : io.eventsync.internal.Json.decode(Adapters.ANY, body, "deactivate answer");
    Map<?, ?> wrapper = root instanceof Map ? (Map<?, ?>) root : Map.of();
    if (!wrapper.containsKey("statusCode") && !wrapper.containsKey("statusCodeValue")) {
      return null;
    }
    String describe = response.request().method() + " " + response.request().url().encodedPath();
    Object name = wrapper.get("statusCode");
    Object value = wrapper.get("statusCodeValue");
    int code = value instanceof Number ? ((Number) value).intValue() : 0;
    boolean success =
        code >= 200 && code < 300
            || code == 0 && name instanceof String && SUCCESS_NAMES.contains(name);
    if (success) {
      return null;
    }
    String status = name instanceof String ? (String) name : null;
    throw new ApiException(
        describe
            + " answered HTTP "
            + response.code()
            + " wrapping status "
            + (status != null ? status : "(none)")
            + (code != 0 ? " " + code : "")
            + ": the subscription was not deactivated",
        code != 0 ? code : response.code(),
        status,
        null,
        null,
        null,
        1);
  }
}
