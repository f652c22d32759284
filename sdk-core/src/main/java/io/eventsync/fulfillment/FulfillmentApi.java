package io.eventsync.fulfillment;

import io.eventsync.ApiException;
import io.eventsync.EventSyncClient;
import io.eventsync.internal.ApiContext;
import io.eventsync.internal.ApiErrors;
import io.eventsync.internal.ApiFactories;
import io.eventsync.internal.ApiRequest;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import okhttp3.Response;

/**
 * TikiNOW Smart Logistics webhook registration ({@code POST /business/v1/register-webhooks}): where
 * TikiNOW posts order-status, stock and aftersale changes, and the secrets it signs them with.
 * Verify the deliveries with {@code io.eventsync.webhooks.WebhookVerifier} and the same {@link
 * io.eventsync.auth.WebhookSecret}s. Obtain an instance from {@link EventSyncClient#fulfillment()};
 * it is immutable and thread-safe.
 */
public final class FulfillmentApi {
  static {
    ApiFactories.register(FulfillmentApi.class, (context, scope) -> new FulfillmentApi(context));
  }

  private final ApiContext context;

  private FulfillmentApi(ApiContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  /**
   * Registers the webhooks, replacing TikiNOW's previous registration. Not retried once the request
   * may have reached TikiNOW (its documentation does not say whether registering is idempotent);
   * after an {@link io.eventsync.ApiConnectionException}, registering the same configuration again
   * is the way to be sure.
   *
   * @return TikiNOW's request id
   * @throws ApiException if TikiNOW refuses, also when it answers HTTP 200 with {@code "success":
   *     false}: the subclass follows {@code error.status_code} ({@link
   *     io.eventsync.AuthenticationException} for 401, ...), {@link ApiException#errorCode()} is
   *     {@code error.message_code} and {@link ApiException#requestId()} {@code
   *     meta_data.request_id}
   */
  public RegistrationResult registerWebhooks(WebhookRegistration registration) {
    Objects.requireNonNull(registration, "registration == null");
    return context
        .core()
        .execute(
            ApiRequest.json(
                "POST",
                context.url("business", "v1", "register-webhooks"),
                Json.encode(Json.adapter(Object.class), registration.toWire()),
                false),
            FulfillmentApi::readEnvelope);
  }

  /** Reads {@code {"success": true, "meta_data": {"request_id"}}}; a false success throws. */
  private static RegistrationResult readEnvelope(Response response) throws IOException {
    String body = response.body().string();
    Object root = Json.decode(Json.adapter(Object.class), body, "registration answer");
    Map<?, ?> envelope = root instanceof Map ? (Map<?, ?>) root : Map.of();
    ApiErrors.VendorError parsed = ApiErrors.parse(body);
    if (Boolean.TRUE.equals(envelope.get("success"))) {
      return new RegistrationResult(parsed.requestId());
    }
    Object error = envelope.get("error");
    Object status = error instanceof Map ? ((Map<?, ?>) error).get("status_code") : null;
    int code = status instanceof Number ? ((Number) status).intValue() : 0;
    Response refused =
        code >= 400 && code < 600 ? response.newBuilder().code(code).message("").build() : response;
    String operation =
        "POST " + response.request().url().encodedPath() + " (HTTP 200, success false)";
    throw ApiErrors.toException(refused, body, operation, 1, null);
  }
}
