package io.eventsync.webhooks;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import io.eventsync.internal.Json;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Hii Retail external event: a <a href="https://cloudevents.io/">CloudEvent</a> in structured
 * JSON mode. The event's {@code data} is kept as raw JSON; decode it with {@link #data(Type)}.
 * Fields the sender omits are null.
 *
 * @param id the event id, unique per source (the same across redeliveries)
 * @param source the event source
 * @param type the event type, for example {@code iam.role-changed.v1} (an open set)
 * @param specVersion the CloudEvents version, for example {@code 1.0}
 * @param time when the event happened, with its offset kept, or null if the event carries none (the
 *     attribute is optional in CloudEvents)
 * @param subject the subject, or null
 * @param dataContentType the content type of {@code data}, or null
 * @param dataJson the raw JSON of {@code data}, or null if absent
 * @param rawJson the whole body as UTF-8 text, with any extension attributes
 */
public record HiiRetailEvent(
    String id,
    String source,
    String type,
    String specVersion,
    @Nullable OffsetDateTime time,
    @Nullable String subject,
    @Nullable String dataContentType,
    @Nullable String dataJson,
    String rawJson)
    implements WebhookPayload {

  /** Checks that {@code rawJson} is present. */
  public HiiRetailEvent {
    Objects.requireNonNull(rawJson, "rawJson == null");
  }

  /**
   * Decodes {@code data} as {@code type} (a public record or class, or a parameterized type) with
   * the SDK's JSON settings.
   *
   * @param <T> the decoded type
   * @param type the type to decode to
   * @return the decoded data, or null if the event has no data
   * @throws DecodingException if the data does not have that shape (with the JSON path)
   */
  public <T> @Nullable T data(Type type) {
    Objects.requireNonNull(type, "type == null");
    if (dataJson == null || dataJson.equals("null")) {
      return null;
    }
    JsonAdapter<T> adapter = Json.adapter(type);
    return Json.decode(adapter, dataJson, "Hii Retail event data");
  }
}
