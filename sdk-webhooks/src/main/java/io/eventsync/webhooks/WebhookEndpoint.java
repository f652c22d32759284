package io.eventsync.webhooks;

import com.squareup.moshi.JsonWriter;
import io.eventsync.DecodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link WebhookReceiver} and {@link WebhookServlet} share: read the body with a limit,
 * verify, parse, drop duplicates, call the handler, and answer as TikiNOW asks ({@code 2xx
 * {"success": true}}, {@code 4xx} when the delivery is refused, {@code 5xx} when the sender should
 * retry). Refusals are logged by a {@link RefusalLog}: DEBUG each, WARN summaries.
 */
final class WebhookEndpoint {
  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  /** What the sender is told to wait before retrying a delivery that is in progress: 10 s. */
  static final int IN_PROGRESS_RETRY_AFTER_SECONDS = 10;

  /** A status, extra headers and a JSON body. */
  static final class Response {
    final int status;
    final Map<String, String> headers;
    final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    /** Returns this response with one more header. */
    Response withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Response(status, Collections.unmodifiableMap(more), body);
    }
  }

  private final WebhookParser parser;
  private final WebhookHandler handler;
  private final @Nullable SeenStore seenStore;
  private final RefusalLog refusals;

  /** The seen store may be null: no duplicate suppression. */
  WebhookEndpoint(WebhookParser parser, WebhookHandler handler, @Nullable SeenStore seenStore) {
    this(
        parser,
        handler,
        seenStore,
        new RefusalLog(log, Clock.systemUTC(), RefusalLog.DEFAULT_INTERVAL));
  }

  WebhookEndpoint(
      WebhookParser parser,
      WebhookHandler handler,
      @Nullable SeenStore seenStore,
      RefusalLog refusals) {
    this.parser = Objects.requireNonNull(parser, "parser == null");
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.seenStore = seenStore;
    this.refusals = Objects.requireNonNull(refusals, "refusals == null");
  }

  int maxBodyBytes() {
    return parser.verifier().maxBodyBytes();
  }

  /**
   * Reads at most {@link #maxBodyBytes()} bytes of {@code in}, or returns null if the body is
   * larger (declared or actual).
   */
  byte @Nullable [] readBody(InputStream in, long declaredLength) throws IOException {
    int limit = maxBodyBytes();
    if (declaredLength > limit) {
      return null;
    }
    byte[] body = in.readNBytes(limit + 1 < 0 ? Integer.MAX_VALUE : limit + 1);
    return body.length > limit ? null : body;
  }

  /** Answers 413, and records the refusal. */
  Response tooLarge(String detail) {
    return refuse(
        413,
        "BODY_TOO_LARGE",
        "the body is larger than the limit of " + maxBodyBytes() + " bytes",
        detail);
  }

  /**
   * Answers a refused request with {@code status}, {@code code} and {@code message} (sent to the
   * sender), and records the refusal with {@code detail} (logged at DEBUG only).
   */
  Response refuse(int status, String code, String message, String detail) {
    refusals.refused(status, code, detail);
    return failure(status, code, message);
  }

  /** Writes the WARN summary of refusals not summarized yet (when the endpoint stops). */
  void flushRefusals() {
    refusals.flush();
  }

  /** Handles a POST whose body was read. */
  Response handle(WebhookHeaders headers, byte[] body) {
    WebhookDelivery delivery;
    try {
      delivery = parser.verifyAndParseDelivery(headers, body);
    } catch (SignatureVerificationException e) {
      if (e.reason() == SignatureVerificationException.Reason.BODY_TOO_LARGE) {
        return tooLarge(e.getMessage());
      }
      return refuse(401, e.reason().name(), publicMessage(e.reason()), e.getMessage());
    } catch (DecodingException e) {
      return refuse(400, "INVALID_BODY", publicMessage(e), e.getMessage());
    }
    String id = delivery.deliveryId();
    if (seenStore == null) {
      return callHandler(delivery);
    }
    SeenStore.Claim claim;
    try {
      claim = seenStore.claim(id);
    } catch (RuntimeException e) {
      log.warn("the seen store failed for webhook {}; answering 500 so the sender retries", id, e);
      return failure(500, "SEEN_STORE_FAILED", "the delivery could not be recorded; retry later");
    }
    switch (claim) {
      case HANDLED:
        log.debug("duplicate webhook {} acknowledged without calling the handler", id);
        return success();
      case IN_PROGRESS:
        log.debug("webhook {} is in progress in an earlier attempt; answering 503", id);
        return failure(
                503,
                "DELIVERY_IN_PROGRESS",
                "an earlier attempt of this delivery is still being processed; retry later")
            .withHeader("Retry-After", Integer.toString(IN_PROGRESS_RETRY_AFTER_SECONDS));
      default:
        Response response = callHandler(delivery);
        if (response.status == 200) {
          complete(id);
        } else {
          release(id);
        }
        return response;
    }
  }

  private Response callHandler(WebhookDelivery delivery) {
    String id = delivery.deliveryId();
    try {
      handler.handle(delivery);
    } catch (Throwable e) { // the sender must be told to retry, whatever went wrong
      if (e instanceof VirtualMachineError) {
        release(id);
        throw (VirtualMachineError) e;
      }
      log.warn("webhook handler failed for {}; answering 500 so the sender retries", id, e);
      return failure(500, "HANDLER_FAILED", "the delivery could not be processed; retry later");
    }
    log.debug("webhook {} handled", id);
    return success();
  }

  private void complete(String id) {
    try {
      seenStore.complete(id);
    } catch (RuntimeException e) {
      log.warn(
          "webhook {} was handled but the seen store could not record it; a retry after its claim"
              + " lapses will be handled again",
          id,
          e);
    }
  }

  private void release(String id) {
    if (seenStore == null) {
      return;
    }
    try {
      seenStore.release(id);
    } catch (RuntimeException e) {
      log.warn(
          "the seen store could not release webhook {}; its retry is handled once the claim lapses",
          id,
          e);
    }
  }

  private static String publicMessage(DecodingException e) {
    String at = e.path() == null ? "" : " at " + e.path();
    return e.malformed()
        ? "the body is not valid JSON" + at
        : "the body does not have the expected shape" + at;
  }

  private static String publicMessage(SignatureVerificationException.Reason reason) {
    switch (reason) {
      case MISSING_HEADER:
        return "a signature header is missing";
      case MALFORMED_HEADER:
        return "a signature header is malformed";
      case TIMESTAMP_TOO_OLD:
        return "the signature timestamp is too old";
      case TIMESTAMP_IN_FUTURE:
        return "the signature timestamp is in the future";
      default:
        return "the signature does not match the body";
    }
  }

  static Response success() {
    return json(200, null, null);
  }

  static Response failure(int status, String code, String message) {
    return json(status, code, message);
  }

  private static Response json(int status, @Nullable String code, @Nullable String message) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject();
      writer.name("success").value(code == null);
      if (code != null) {
        writer.name("error").beginObject();
        writer.name("code").value(code);
        writer.name("message").value(message);
        writer.endObject();
      }
      writer.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer does not fail
    }
    return new Response(status, Collections.emptyMap(), buffer.readByteArray());
  }
}
