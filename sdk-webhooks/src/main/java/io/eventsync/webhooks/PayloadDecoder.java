package io.eventsync.webhooks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.eventsync.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a verified body into a {@link WebhookPayload} by its shape: a top-level {@code
 * specversion}, or {@code id} and {@code type}, is a CloudEvent; a {@code data} object with {@code
 * main_state} is a TikiNOW order status, with {@code sku} or {@code qty_salable} a stock change,
 * with {@code type} and {@code status} an aftersale change; anything else is unknown.
 */
final class PayloadDecoder {
  private static final JsonAdapter<TikiNowOrderStatus> ORDER =
      new DataEnvelopeAdapter<>(Json.adapter(TikiNowOrderStatus.class));
  private static final JsonAdapter<TikiNowStock> STOCK =
      new DataEnvelopeAdapter<>(Json.adapter(TikiNowStock.class));
  private static final JsonAdapter<TikiNowAftersale> AFTERSALE =
      new DataEnvelopeAdapter<>(Json.adapter(TikiNowAftersale.class));

  private enum Shape {
    CLOUD_EVENT,
    ORDER,
    STOCK,
    AFTERSALE,
    UNKNOWN
  }

  private PayloadDecoder() {}

  /**
   * Decodes {@code body}.
   *
   * @throws io.eventsync.DecodingException if it is not JSON, or a known shape with a wrong value
   */
  static WebhookPayload decode(byte[] body) {
    String raw = new String(body, StandardCharsets.UTF_8);
    return Json.decode(new PayloadAdapter(raw), new Buffer().write(body), "webhook body");
  }

  private static Shape shapeOf(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      return Shape.UNKNOWN;
    }
    Set<String> top = new HashSet<>();
    Set<String> data = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      top.add(name);
      if (name.equals("data") && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
        data = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
          data.add(reader.nextName());
          reader.skipValue();
        }
        reader.endObject();
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    if (top.contains("specversion") || (top.contains("id") && top.contains("type"))) {
      return Shape.CLOUD_EVENT;
    }
    if (data == null) {
      return Shape.UNKNOWN;
    }
    if (data.contains("main_state")) {
      return Shape.ORDER;
    }
    if (data.contains("sku") || data.contains("qty_salable")) {
      return Shape.STOCK;
    }
    if (data.contains("type") && data.contains("status")) {
      return Shape.AFTERSALE;
    }
    return Shape.UNKNOWN;
  }

  private static final class PayloadAdapter extends JsonAdapter<WebhookPayload> {
    private final String raw;

    PayloadAdapter(String raw) {
      this.raw = raw;
    }

    @Override
    public WebhookPayload fromJson(JsonReader reader) throws IOException {
      Shape shape;
      try (JsonReader peek = reader.peekJson()) {
        shape = shapeOf(peek);
      }
      switch (shape) {
        case CLOUD_EVENT:
          return cloudEvent(reader, raw);
        case ORDER:
          return ORDER.fromJson(reader);
        case STOCK:
          return STOCK.fromJson(reader);
        case AFTERSALE:
          return AFTERSALE.fromJson(reader);
        default:
          reader.skipValue();
          return new UnknownWebhookPayload(raw);
      }
    }

    @Override
    public void toJson(JsonWriter writer, WebhookPayload value) {
      throw new UnsupportedOperationException("decoding only");
    }
  }

  private static HiiRetailEvent cloudEvent(JsonReader reader, String raw) throws IOException {
    String id = null;
    String source = null;
    String type = null;
    String specVersion = null;
    OffsetDateTime time = null;
    String subject = null;
    String dataContentType = null;
    String dataJson = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      switch (name) {
        case "id":
          id = string(reader);
          break;
        case "source":
          source = string(reader);
          break;
        case "type":
          type = string(reader);
          break;
        case "specversion":
          specVersion = string(reader);
          break;
        case "subject":
          subject = string(reader);
          break;
        case "datacontenttype":
          dataContentType = string(reader);
          break;
        case "time":
          time = time(reader);
          break;
        case "data":
          try (BufferedSource value = reader.nextSource()) {
            dataJson = value.readUtf8();
          }
          break;
        default:
          reader.skipValue();
      }
    }
    reader.endObject();
    return new HiiRetailEvent(
        id, source, type, specVersion, time, subject, dataContentType, dataJson, raw);
  }

  private static @Nullable String string(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.NULL) {
      return reader.nextNull();
    }
    if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
      return reader.nextString();
    }
    throw new JsonDataException(
        "expected a string but was " + token + " at path " + reader.getPath());
  }

  private static @Nullable OffsetDateTime time(JsonReader reader) throws IOException {
    String text = string(reader);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonDataException(
          "expected an RFC 3339 time but was \"" + text + "\" at path " + reader.getPath());
    }
  }

  /** Reads {@code {"data": {...}}}, ignoring other members. */
  private static final class DataEnvelopeAdapter<T> extends JsonAdapter<T> {
    private final JsonAdapter<T> delegate;

    DataEnvelopeAdapter(JsonAdapter<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      T data = null;
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("data")) {
          data = delegate.fromJson(reader);
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
      if (data == null) {
        throw new JsonDataException("expected an object at path " + reader.getPath() + ".data");
      }
      return data;
    }

    @Override
    public void toJson(JsonWriter writer, T value) {
      throw new UnsupportedOperationException("decoding only");
    }
  }
}
