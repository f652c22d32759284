package io.eventsync.internal;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.ApiConnectionException;
import io.eventsync.ApiException;
import io.eventsync.AuthenticationException;
import io.eventsync.DecodingException;
import io.eventsync.EventSyncException;
import io.eventsync.InvalidRequestException;
import io.eventsync.NotFoundException;
import io.eventsync.PermissionException;
import io.eventsync.RateLimitException;
import io.eventsync.RedirectException;
import io.eventsync.ResponseTooLargeException;
import io.eventsync.ServerException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns an HTTP error answer into the matching {@link ApiException}, reading the vendors' error
 * bodies: the TikiNOW envelope ({@code success/error{status_code,message,message_code}/
 * meta_data.request_id}), RFC 7807 problem JSON, {@code {"error": ...}} (OAuth and others) and
 * {@code {"errors": [...]}}; anything else falls back to the status line.
 */
public final class ApiErrors {
  /** At most this much of an error body is read and kept. */
  public static final long MAX_ERROR_BODY = 16 * 1024;

  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);
  private static final List<String> REQUEST_ID_HEADERS =
      List.of(
          "X-Request-Id", "Request-Id", "X-Correlation-Id", "Correlation-Id", "X-Amzn-RequestId");

  private ApiErrors() {}

  /** What an error body said. Any field may be null. */
  public record VendorError(
      @Nullable String code, @Nullable String message, @Nullable String requestId) {}

  /**
   * Returns the exception for the error {@code response}.
   *
   * @param bodyText the response body (at most {@link #MAX_ERROR_BODY} characters), or null
   * @param operation what was attempted, for example {@code GET /integration/v1/queues}
   * @param attempts how many attempts were made
   * @param retryAfter the wait the server asked for, or null
   */
  public static ApiException toException(
      Response response,
      @Nullable String bodyText,
      String operation,
      int attempts,
      @Nullable Duration retryAfter) {
    int status = response.code();
    VendorError vendor = parse(bodyText);
    String requestId = vendor.requestId();
    for (int i = 0; requestId == null && i < REQUEST_ID_HEADERS.size(); i++) {
      requestId = response.header(REQUEST_ID_HEADERS.get(i));
    }
    String body = bodyText == null || bodyText.isEmpty() ? null : Redactor.redactBody(bodyText);
    StringBuilder message = new StringBuilder();
    message.append("HTTP ").append(status);
    String reason = response.message();
    if (reason != null && !reason.isBlank()) {
      message.append(' ').append(reason);
    }
    message.append(" for ").append(operation);
    if (vendor.message() != null) {
      message.append(": ").append(Redactor.redactBody(vendor.message()));
    }
    if (vendor.code() != null || requestId != null) {
      message.append(" (");
      if (vendor.code() != null) {
        message.append("code ").append(vendor.code());
      }
      if (requestId != null) {
        message.append(vendor.code() != null ? ", " : "").append("request id ").append(requestId);
      }
      message.append(')');
    }
    String hint = hint(status, retryAfter);
    if (hint != null) {
      message.append("; ").append(hint);
    }
    String text = message.toString();
    String code = vendor.code();
    String vendorMessage = vendor.message();
    switch (status) {
      case 400:
      case 405:
      case 409:
      case 422:
        return new InvalidRequestException(
            text, status, code, vendorMessage, requestId, body, attempts);
      case 401:
        return new AuthenticationException(
            text, status, code, vendorMessage, requestId, body, attempts);
      case 403:
        return new PermissionException(
            text, status, code, vendorMessage, requestId, body, attempts);
      case 404:
        return new NotFoundException(text, status, code, vendorMessage, requestId, body, attempts);
      case 429:
        return new RateLimitException(
            text, status, code, vendorMessage, requestId, body, attempts, retryAfter);
      default:
        if (status >= 500) {
          return new ServerException(
              text, status, code, vendorMessage, requestId, body, attempts, retryAfter);
        }
        return new ApiException(text, status, code, vendorMessage, requestId, body, attempts);
    }
  }

  /**
   * Returns the exception for a redirect the SDK did not follow (see {@link RedirectGuard}).
   *
   * @param from the URL that answered with the redirect
   * @param operation what was attempted, for example {@code POST /integration/v1/queues/q/events}
   * @param tokenRequest true for a token request, which follows no redirect at all
   */
  public static RedirectException redirect(
      Response response, HttpUrl from, String operation, boolean tokenRequest, int attempts) {
    HttpUrl target = RedirectGuard.target(from, response);
    String reason;
    if (target == null) {
      reason = "it names no usable Location";
    } else if (tokenRequest) {
      reason =
          "token requests follow no redirect, so the client secret goes only to the token URL you"
              + " configured; if the new location is the right token endpoint, set it with"
              + " tokenUrl(...)";
    } else if (!RedirectGuard.sameOrigin(from, target)) {
      reason =
          "it leads to another origin (scheme, host and port), and the SDK follows redirects only"
              + " within one so that request bodies and credentials reach only the host you"
              + " configured; if the new location is trusted, set it as the base URL";
    } else {
      reason =
          "a "
              + response.code()
              + " would turn the "
              + operation.substring(0, operation.indexOf(' '))
              + " into a GET; only 307 and 308 keep the method and body";
    }
    String location = target == null ? response.header("Location") : Redactor.url(target);
    if (target == null && location != null) {
      location = Redactor.rawUrl(location);
    }
    String message =
        "HTTP "
            + response.code()
            + " for "
            + operation
            + ": refused to follow the redirect from "
            + Redactor.url(from)
            + " to "
            + (location == null ? "(none)" : location)
            + ": "
            + reason;
    return new RedirectException(message, response.code(), location, attempts);
  }

  /** Returns whether {@code e} is an internal too-large signal from a bounded response body. */
  public static boolean isTooLarge(IOException e) {
    return e instanceof BoundedBody.TooLargeException;
  }

  /**
   * Returns the exception for a response body over the client's limit.
   *
   * @param e an exception for which {@link #isTooLarge} is true
   * @param what what was being read, for example {@code GET /v1/events}
   */
  public static ResponseTooLargeException tooLarge(IOException e, String what, int attempts) {
    BoundedBody.TooLargeException tooLarge = (BoundedBody.TooLargeException) e;
    String limit = BoundedBody.describe(tooLarge.maxBytes);
    String size =
        tooLarge.declaredBytes >= 0
            ? "declares " + tooLarge.declaredBytes + " bytes"
            : "passed " + tooLarge.maxBytes + " bytes";
    return new ResponseTooLargeException(
        what
            + ": the response body "
            + size
            + ", over the client's maximum response size of "
            + limit
            + "; it was not read. If such answers are legitimate, raise the limit with"
            + " EventSyncClient.builder().maxResponseSize(bytes)",
        tooLarge.maxBytes,
        attempts);
  }

  /**
   * Returns {@code e} as if thrown after {@code attempts} attempts: a copy of the same type with
   * the same details, or {@code e} itself if it already counts them or its type is not one of the
   * SDK's own.
   */
  public static EventSyncException withAttempts(EventSyncException e, int attempts) {
    if (e.attempts() == attempts || e.attempts() != 1) {
      return e;
    }
    EventSyncException copy = copy(e, e.getMessage(), attempts);
    if (copy == null) {
      return e;
    }
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static @Nullable EventSyncException copy(EventSyncException e, String m, int n) {
    Class<?> type = e.getClass();
    if (e instanceof ApiException) {
      ApiException a = (ApiException) e;
      int s = a.statusCode();
      String c = a.errorCode();
      String v = a.errorMessage();
      String r = a.requestId();
      String b = a.body();
      if (type == AuthenticationException.class) {
        return new AuthenticationException(m, s, c, v, r, b, n);
      } else if (type == PermissionException.class) {
        return new PermissionException(m, s, c, v, r, b, n);
      } else if (type == NotFoundException.class) {
        return new NotFoundException(m, s, c, v, r, b, n);
      } else if (type == InvalidRequestException.class) {
        return new InvalidRequestException(m, s, c, v, r, b, n);
      } else if (type == ServerException.class) {
        return new ServerException(m, s, c, v, r, b, n);
      } else if (type == RateLimitException.class) {
        return new RateLimitException(m, s, c, v, r, b, n, ((RateLimitException) e).retryAfter());
      } else if (type == RedirectException.class) {
        return new RedirectException(m, s, ((RedirectException) e).location(), n);
      } else if (type == ApiException.class) {
        return new ApiException(m, s, c, v, r, b, n);
      }
      return null;
    }
    if (type == ResponseTooLargeException.class) {
      return new ResponseTooLargeException(m, ((ResponseTooLargeException) e).maxBytes(), n);
    } else if (type == ApiConnectionException.class) {
      return new ApiConnectionException(m, e.getCause(), n);
    } else if (type == DecodingException.class) {
      DecodingException d = (DecodingException) e;
      return new DecodingException(m, d.path(), d.malformed(), d.getCause(), n);
    } else if (type == EventSyncException.class) {
      return new EventSyncException(m, e.getCause(), n);
    }
    return null;
  }

  /** Reads at most {@link #MAX_ERROR_BODY} bytes of the response body as UTF-8, or null. */
  public static @Nullable String readErrorBody(Response response) {
    try {
      okio.BufferedSource source = response.body().source();
      source.request(MAX_ERROR_BODY);
      Buffer buffer = source.getBuffer();
      long size = Math.min(buffer.size(), MAX_ERROR_BODY);
      return buffer.clone().readUtf8(size);
    } catch (IOException e) {
      return null; // the status line still tells what happened
    }
  }

  private static @Nullable String hint(int status, @Nullable Duration retryAfter) {
    switch (status) {
      case 401:
        return "check the credentials (token, client id and secret, audience)";
      case 403:
        return "the credentials are valid but lack the permission (role, scope or tenant)";
      case 429:
        return retryAfter != null
            ? "the server asked to wait " + retryAfter.toSeconds() + " s before retrying"
            : "slow down and retry later";
      default:
        return null;
    }
  }

  /** Parses an error body; never throws. */
  public static VendorError parse(@Nullable String bodyText) {
    if (bodyText == null || bodyText.isBlank()) {
      return new VendorError(null, null, null);
    }
    Object root;
    try {
      root = ANY.fromJson(bodyText);
    } catch (IOException | RuntimeException e) {
      String trimmed = bodyText.strip();
      return new VendorError(
          null, trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed, null);
    }
    if (!(root instanceof Map)) {
      return new VendorError(null, null, null);
    }
    Map<?, ?> map = (Map<?, ?>) root;
    String requestId = string(path(map, "meta_data", "request_id"));
    if (requestId == null) {
      requestId = string(map.get("request_id"));
    }
    Object error = map.get("error");
    if (error instanceof Map) { // TikiNOW envelope or {"error": {"code", "message"}}
      Map<?, ?> e = (Map<?, ?>) error;
      String code = firstString(e, "message_code", "code", "type");
      return new VendorError(code, firstString(e, "message", "detail", "description"), requestId);
    }
    if (error instanceof String) { // OAuth 2.0 and plain {"error": "..."}
      String description = firstString(map, "error_description", "message");
      return new VendorError(
          (String) error, description != null ? description : (String) error, requestId);
    }
    Object errors = map.get("errors");
    if (errors instanceof List && !((List<?>) errors).isEmpty()) {
      Object first = ((List<?>) errors).get(0);
      StringBuilder joined = new StringBuilder();
      String code = null;
      for (Object item : (List<?>) errors) {
        String text =
            item instanceof Map
                ? firstString((Map<?, ?>) item, "message", "detail", "title")
                : string(item);
        if (code == null && item instanceof Map) {
          code = firstString((Map<?, ?>) item, "code", "type");
        }
        if (text != null) {
          joined.append(joined.length() > 0 ? "; " : "").append(text);
        }
      }
      return new VendorError(
          code, joined.length() > 0 ? joined.toString() : string(first), requestId);
    }
    if (map.containsKey("title") || map.containsKey("detail")) { // RFC 7807
      String type = string(map.get("type"));
      String code = type != null && !type.equals("about:blank") ? type : string(map.get("title"));
      String detail = string(map.get("detail"));
      return new VendorError(code, detail != null ? detail : string(map.get("title")), requestId);
    }
    return new VendorError(
        firstString(map, "code", "message_code"), firstString(map, "message"), requestId);
  }

  private static @Nullable Object path(Map<?, ?> map, String first, String second) {
    Object inner = map.get(first);
    return inner instanceof Map ? ((Map<?, ?>) inner).get(second) : null;
  }

  private static @Nullable String firstString(Map<?, ?> map, String... keys) {
    for (String key : keys) {
      String value = string(map.get(key));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static @Nullable String string(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double && ((Double) value) == Math.rint((Double) value)) {
      return Long.toString(((Double) value).longValue());
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString()
        : null;
  }
}
