package io.eventsync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsync.DecodingException;
import io.eventsync.internal.Json;
import io.eventsync.internal.ResponseReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pull answer's own decoder against the oracle it replaced: Moshi's record adapters of {@link
 * EventBatch} and the wire form of {@link QueueEvent}, read through the same {@link
 * ResponseReader}.
 */
class BatchDecoderTest {
  private static final ResponseReader<EventBatch> DECODER =
      ResponseReader.json(BatchDecoder.INSTANCE, "pulled batch");
  private static final ResponseReader<EventBatch> ORACLE =
      ResponseReader.json(Adapters.BATCH, "pulled batch");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"events\":[{\"id\":\"e-1\",\"sid\":\"s\",\"created_at\":1700000000123,"
            + "\"type\":\"ORDER_CREATED_SUCCESSFULLY\",\"version\":\"v1\","
            + "\"payload\":{\"order_code\":\"1\",\"items\":[1,2.5,null,{\"a\":\"\\u00e9\"}]}},"
            + "{\"id\":\"e-2\",\"type\":\"SOMETHING_NEW\",\"payload\":[true],\"extra\":{\"x\":1}}],"
            + "\"ack_id\":\"ack-1\"}",
        "{\"ack_id\":\"a\",\"events\":[],\"more\":[1,{\"b\":null}]}",
        "{\"events\":null,\"ack_id\":\"x\"}",
        "{}",
        "{\"events\":[{}]}",
        "{\"events\":[{\"id\":5,\"sid\":6.5,\"version\":1e3,\"type\":7,\"ack_id\":1}],\"ack_id\":7}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":\"12\"}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":\"-12\"}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":\"2026-12-01T05:30:00.123Z\"}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":\"2026-12-01T07:30:00+02:00\"}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":null,\"type\":null,\"payload\":null}]}",
        "{\"events\":[{\"id\":\"a\",\"payload\":\"text\",\"payload\":{\"last\":\"wins\"}}]}",
        "{\"events\":[{\"id\":\"a\",\"id\":\"b\"}],\"events\":[{\"id\":\"c\"}],\"ack_id\":null}",
        "{\"events\":[{\"id\":\"a\",\"type\":\"order_created_successfully\"}]}",
        " {\"events\" : [ {\"id\" : \"a\" , \"payload\" : { } } ] } ",
        "{\"events\":[{\"id\":\"a\"}]} trailing",
        // wrong shapes, each with its message and path
        "[]",
        "null",
        "\"text\"",
        "{\"events\":{}}",
        "{\"events\":[1]}",
        "{\"events\":[[]]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":1.5}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":true}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":\"yesterday\"}]}",
        "{\"events\":[{\"id\":\"a\",\"created_at\":99999999999999999999}]}",
        "{\"events\":[{\"id\":\"a\",\"type\":[]}]}",
        "{\"events\":[{\"id\":\"a\",\"sid\":{}}]}",
        "{\"events\":[{\"id\":true}]}",
        "{\"events\":[],\"ack_id\":{}}",
        "{\"events\":[{\"id\":\"a\",\"sid\":{}}]} garbled }",
        // malformed or cut short
        "{\"events\":[{\"id\":\"a\"}]",
        "{\"events\":[{\"id\":\"a\",}]}",
        "{\"events\":[{\"id\":\"a\",\"payload\":{\"x\":]}}]}",
        "{events:[]}",
        ""
      })
  void decodesEveryAnswerAsTheRecordAdaptersDid(String body) {
    Object expected = outcome(ORACLE, body);
    Object actual = outcome(DECODER, body);

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void decodesTheDocumentedFieldsOfAnEvent() throws Exception {
    EventBatch batch =
        read(
            DECODER,
            "{\"events\":[{\"id\":\"e-1\",\"sid\":\"s-1\",\"created_at\":1700000000123,"
                + "\"type\":\"ORDER_STATUS_UPDATED\",\"version\":\"v2\","
                + "\"payload\":{\"order_code\":\"9\", \"status\":\"picking\"}}],\"ack_id\":\"a-1\"}");

    assertThat(batch.ackId()).isEqualTo("a-1");
    assertThat(batch.events())
        .containsExactly(
            new QueueEvent(
                "e-1",
                "s-1",
                Instant.ofEpochMilli(1700000000123L),
                EventType.ORDER_STATUS_UPDATED,
                "v2",
                "{\"order_code\":\"9\", \"status\":\"picking\"}"));
    assertThat(batch.events().get(0).type()).isSameAs(EventType.ORDER_STATUS_UPDATED);
  }

  @Test
  void anEventThatIsNullIsAWrongShapeNotACrash() {
    Throwable thrown = catchThrowable(() -> read(DECODER, "{\"events\":[null],\"ack_id\":\"x\"}"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> {
              assertThat(e.malformed()).isFalse();
              assertThat(e.path()).isEqualTo("$.events[0]");
            });
  }

  @Test
  void aBlankEventTypeIsAWrongShapeNotACrash() {
    Throwable thrown =
        catchThrowable(() -> read(DECODER, "{\"events\":[{\"id\":\"a\",\"type\":\" \"}]}"));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> {
              assertThat(e.malformed()).isFalse();
              assertThat(e.path()).isEqualTo("$.events[0].type");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ack-1",
        "",
        "with \"quotes\" and \\ backslash",
        "tab\tnewline\ncontrol\u0001",
        "line\u2028separator\u2029",
        "unicode é 漢 😀",
        "del\u007f"
      })
  void writesTheAckBodyAsTheJsonWriterDid(String ackId) {
    assertThat(new String(EventQueueApi.ackBody(ackId), StandardCharsets.UTF_8))
        .isEqualTo(Json.object("ack_id", ackId));
  }

  @Test
  void writesANullAckIdAsJsonNull() {
    assertThat(new String(EventQueueApi.ackBody(null), StandardCharsets.UTF_8))
        .isEqualTo(Json.object("ack_id", null));
  }

  /** The batch decoded, or the class, message, path and malformed flag of the failure. */
  private static Object outcome(ResponseReader<EventBatch> reader, String body) {
    try {
      return read(reader, body);
    } catch (DecodingException e) {
      return List.of("DecodingException", e.getMessage(), String.valueOf(e.path()), e.malformed());
    } catch (Exception e) {
      return List.of(e.getClass().getName(), String.valueOf(e.getMessage()));
    }
  }

  private static EventBatch read(ResponseReader<EventBatch> reader, String body) throws Exception {
    Response response =
        new Response.Builder()
            .request(new Request.Builder().url("http://localhost/pull").build())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(body, MediaType.get("application/json")))
            .build();
    try (response) {
      return reader.read(response);
    }
  }
}
