package io.eventsync.collector;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code event_payload} of a collector event. The entity's JSON and a fault's JSON travel
 * base64-encoded ({@code base64_encoded_payload_json}, {@code base64_encoded_fault_json}); use
 * {@link #payloadJson()}, {@link #payload(Class)} and the builder's {@link Builder#payloadJson} and
 * {@link Builder#payload(Object)} instead of encoding by hand. Text is always UTF-8.
 *
 * @param entityId the entity's id, or null
 * @param operation what happened to the entity, or null
 * @param base64EncodedPayloadJson the entity's JSON, base64 of its UTF-8 bytes, or null
 * @param base64EncodedFaultJson a fault's JSON, base64 of its UTF-8 bytes, or null
 * @param keyAttributes free string attributes ({@code correlationId}, {@code referenceId}, ...);
 *     never null
 */
public record EventPayload(
    @Json(name = "entity_id") @Nullable String entityId,
    @Nullable Operation operation,
    @Json(name = "base64_encoded_payload_json") @Nullable String base64EncodedPayloadJson,
    @Json(name = "base64_encoded_fault_json") @Nullable String base64EncodedFaultJson,
    @Json(name = "key_attributes") Map<String, String> keyAttributes) {

  /** Copies the attributes; null becomes empty. */
  public EventPayload {
    keyAttributes =
        keyAttributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(keyAttributes));
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the decoded payload bytes, or null if there is none.
   *
   * @throws DecodingException if the field is not base64
   */
  public byte @Nullable [] payloadBytes() {
    return Base64Json.decode(base64EncodedPayloadJson, "base64_encoded_payload_json");
  }

  /**
   * Returns the payload's JSON text (UTF-8 decoded), or null if there is none.
   *
   * @throws DecodingException if the field is not base64
   */
  public @Nullable String payloadJson() {
    return Base64Json.decodeText(base64EncodedPayloadJson, "base64_encoded_payload_json");
  }

  /**
   * Returns the payload decoded as {@code type} (a public record or class, or {@code Map.class}),
   * or null if there is none.
   *
   * @throws DecodingException if the field is not base64 or its JSON does not fit {@code type}
   */
  public <T> @Nullable T payload(Class<T> type) {
    return decode(payloadJson(), type, "base64_encoded_payload_json");
  }

  /**
   * Returns the decoded fault bytes, or null if there is none.
   *
   * @throws DecodingException if the field is not base64
   */
  public byte @Nullable [] faultBytes() {
    return Base64Json.decode(base64EncodedFaultJson, "base64_encoded_fault_json");
  }

  /**
   * Returns the fault's JSON text (UTF-8 decoded), or null if there is none.
   *
   * @throws DecodingException if the field is not base64
   */
  public @Nullable String faultJson() {
    return Base64Json.decodeText(base64EncodedFaultJson, "base64_encoded_fault_json");
  }

  /**
   * Returns the fault decoded as {@code type}, or null if there is none.
   *
   * @throws DecodingException if the field is not base64 or its JSON does not fit {@code type}
   */
  public <T> @Nullable T fault(Class<T> type) {
    return decode(faultJson(), type, "base64_encoded_fault_json");
  }

  /** Returns a builder holding this payload. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.entityId = entityId;
    builder.operation = operation;
    builder.payload = base64EncodedPayloadJson;
    builder.fault = base64EncodedFaultJson;
    builder.keyAttributes.putAll(keyAttributes);
    return builder;
  }

  private static <T> @Nullable T decode(@Nullable String json, Class<T> type, String field) {
    Objects.requireNonNull(type, "type == null");
    if (json == null) {
      return null;
    }
    JsonAdapter<T> adapter = io.eventsync.internal.Json.adapter(type);
    return io.eventsync.internal.Json.decode(adapter, json, field);
  }

  private static @Nullable String encodeValue(@Nullable Object value, String field) {
    return value == null ? null : Base64Json.encodeJson(Adapters.ANY.toJson(value), field);
  }

  /** Builds an {@link EventPayload}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String entityId;
    private @Nullable Operation operation;
    private @Nullable String payload;
    private @Nullable String fault;
    private final Map<String, String> keyAttributes = new LinkedHashMap<>();

    Builder() {}

    /** Sets the entity's id. Default none. */
    public Builder entityId(@Nullable String entityId) {
      this.entityId = entityId;
      return this;
    }

    /** Sets the operation. Default none. */
    public Builder operation(@Nullable Operation operation) {
      this.operation = operation;
      return this;
    }

    /**
     * Sets the payload to {@code json}, encoded as base64 of its UTF-8 bytes. Default none.
     *
     * @throws IllegalArgumentException if {@code json} is not a JSON text
     */
    public Builder payloadJson(@Nullable String json) {
      this.payload = Base64Json.encodeJson(json, "base64_encoded_payload_json");
      return this;
    }

    /**
     * Sets the payload to the JSON of {@code value} (a record, class, map or list), encoded as
     * base64 of its UTF-8 bytes. Default none.
     */
    public Builder payload(@Nullable Object value) {
      this.payload = encodeValue(value, "base64_encoded_payload_json");
      return this;
    }

    /** Sets the payload to {@code bytes} as they are, base64-encoded. Default none. */
    public Builder payloadBytes(byte @Nullable [] bytes) {
      this.payload = Base64Json.encode(bytes);
      return this;
    }

    /**
     * Sets the fault to {@code json}, encoded as base64 of its UTF-8 bytes. Default none.
     *
     * @throws IllegalArgumentException if {@code json} is not a JSON text
     */
    public Builder faultJson(@Nullable String json) {
      this.fault = Base64Json.encodeJson(json, "base64_encoded_fault_json");
      return this;
    }

    /** Sets the fault to the JSON of {@code value}, base64-encoded. Default none. */
    public Builder fault(@Nullable Object value) {
      this.fault = encodeValue(value, "base64_encoded_fault_json");
      return this;
    }

    /** Adds one key attribute. Default none. */
    public Builder keyAttribute(String key, String value) {
      keyAttributes.put(
          Objects.requireNonNull(key, "key == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Returns the payload. */
    public EventPayload build() {
      return new EventPayload(entityId, operation, payload, fault, keyAttributes);
    }
  }
}
