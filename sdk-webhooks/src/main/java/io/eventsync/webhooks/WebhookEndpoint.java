package io.eventsync.webhooks;

import com.squareup.moshi.JsonWriter;
import io.eventsync.DecodingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link WebhookReceiver} and {@link WebhookServlet} share: read the body with a limit,
 * verify, parse, drop duplicates, call the handler, and answer as TikiNOW asks ({@code 2xx
 * {"success": true}}, {@code 4xx} when the delivery is refused, {@code 5xx} when the sender should
 * retry).
 */
final class WebhookEndpoint {
  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  /** A status and a JSON body. */
  static final class Response {
    final int status;
    final byte[] body;

    Response(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }
  }

  private final WebhookParser parser;
  private final WebhookHandler handler;
  private final SeenStore seenStore;

  /** The seen store may be null: no duplicate suppression. */
  WebhookEndpoint(WebhookParser parser, WebhookHandler handler, SeenStore seenStore) {
    this.parser = Objects.requireNonNull(parser, "parser == null");
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.seenStore = seenStore;
  }

  int maxBodyBytes() {
    return parser.verifier().maxBodyBytes();
  }

  /**
   * Reads at most {@link #maxBodyBytes()} bytes of {@code in}, or returns null if the body is
   * larger (declared or actual).
   */
  byte[] readBody(InputStream in, long declaredLength) throws IOException {
    int limit = maxBodyBytes();
    if (declaredLength > limit) {
      return null;
    }
    byte[] body = in.readNBytes(limit + 1 < 0 ? Integer.MAX_VALUE : limit + 1);
    return body.length > limit ? null : body;
  }

  Response tooLarge() {
    return failure(
        413, "BODY_TOO_LARGE", "the body is larger than the limit of " + maxBodyBytes() + " bytes");
  }

  /** Handles a POST whose body was read. */
  Response handle(WebhookHeaders headers, byte[] body) {
    WebhookDelivery delivery;
    try {
      delivery = parser.verifyAndParseDelivery(headers, body);
    } catch (SignatureVerificationException e) {
      log.info("webhook refused: {}", e.getMessage());
      if (e.reason() == SignatureVerificationException.Reason.BODY_TOO_LARGE) {
        return tooLarge();
      }
      return failure(401, e.reason().name(), publicMessage(e.reason()));
    } catch (DecodingException e) {
      log.info("verified webhook has an unreadable body: {}", e.getMessage());
      return failure(400, "INVALID_BODY", e.getMessage());
    }
    String id = delivery.deliveryId();
    try {
      if (seenStore != null && !seenStore.markSeen(id)) {
        log.debug("duplicate webhook {} acknowledged without calling the handler", id);
        return success();
      }
    } catch (RuntimeException e) {
      log.warn("the seen store failed for webhook {}; answering 500 so the sender retries", id, e);
      return failure(500, "SEEN_STORE_FAILED", "the delivery could not be recorded; retry later");
    }
    try {
      handler.handle(delivery);
    } catch (Throwable e) { // the sender must be told to retry, whatever went wrong
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      forget(id);
      log.warn("webhook handler failed for {}; answering 500 so the sender retries", id, e);
      return failure(500, "HANDLER_FAILED", "the delivery could not be processed; retry later");
    }
    log.debug("webhook {} handled", id);
    return success();
  }

  private void forget(String id) {
    if (seenStore == null) {
      return;
    }
    try {
      seenStore.forget(id);
    } catch (RuntimeException e) {
      log.warn("the seen store could not forget webhook {}; its retry may be dropped", id, e);
    }
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

  private static Response json(int status, String code, String message) {
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
    return new Response(status, buffer.readByteArray());
  }
}
