package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.DecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPayloadTest {
  /** A typed payload, as a user would define it. */
  public record Wishlist(String name, int items) {}

  private static final String NON_ASCII = "{\"name\":\"Ärger 😀 日本 ñ\",\"items\":2}";

  @Test
  void payloadJsonRoundTripsNonAsciiTextAsUtf8Base64() {
    EventPayload payload = EventPayload.builder().payloadJson(NON_ASCII).build();

    assertThat(payload.base64EncodedPayloadJson())
        .isEqualTo(Base64.getEncoder().encodeToString(NON_ASCII.getBytes(StandardCharsets.UTF_8)));
    assertThat(payload.payloadJson()).isEqualTo(NON_ASCII);
    assertThat(payload.payloadBytes()).isEqualTo(NON_ASCII.getBytes(StandardCharsets.UTF_8));
    assertThat(payload.payload(Wishlist.class)).isEqualTo(new Wishlist("Ärger 😀 日本 ñ", 2));
  }

  @Test
  void typedValuesAndFaultsRoundTrip() {
    EventPayload payload =
        EventPayload.builder()
            .payload(new Wishlist("Noël", 3))
            .fault(Map.of("message", "échec"))
            .build();

    assertThat(payload.payload(Wishlist.class)).isEqualTo(new Wishlist("Noël", 3));
    assertThat(payload.faultJson()).isEqualTo("{\"message\":\"échec\"}");
    assertThat((Object) payload.fault(Map.class)).isEqualTo(Map.of("message", "échec"));
  }

  @Test
  void rawBytesAreKeptAsTheyAre() {
    byte[] bytes = {0, (byte) 0xff, 0x7f};
    EventPayload payload = EventPayload.builder().payloadBytes(bytes).build();

    assertThat(payload.payloadBytes()).isEqualTo(bytes);
    assertThat(payload.base64EncodedPayloadJson()).isEqualTo("AP9/");
  }

  @Test
  void decodingAcceptsUrlSafeUnpaddedAndWrappedBase64() {
    String urlSafe =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"k\":\"?>?\"}".getBytes(StandardCharsets.UTF_8));
    EventPayload payload = new EventPayload(null, null, urlSafe, "eyJh\nIjox\r\nfQ==", null);

    assertThat(payload.payloadJson()).isEqualTo("{\"k\":\"?>?\"}");
    assertThat(payload.faultJson()).isEqualTo("{\"a\":1}");
  }

  @Test
  void badInputFailsWithTheFieldName() {
    assertThatThrownBy(() -> EventPayload.builder().payloadJson("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("base64_encoded_payload_json must be a JSON text: ");
    EventPayload payload = new EventPayload(null, null, "***", null, null);
    assertThatThrownBy(payload::payloadJson)
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> assertThat(e.path()).isEqualTo("$.base64_encoded_payload_json"))
        .hasMessageStartingWith("base64_encoded_payload_json is not base64: ");
    EventPayload wrongShape = EventPayload.builder().payloadJson("[1]").build();
    assertThatThrownBy(() -> wrongShape.payload(Wishlist.class))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void absentFieldsDecodeToNullAndToBuilderKeepsEverything() {
    EventPayload empty = EventPayload.builder().build();
    assertThat(empty.payloadJson()).isNull();
    assertThat(empty.faultBytes()).isNull();
    assertThat((Object) empty.fault(Map.class)).isNull();

    EventPayload full =
        EventPayload.builder()
            .entityId("e")
            .operation(Operation.DELETE)
            .payloadJson("{}")
            .faultJson("{}")
            .keyAttribute("referenceId", "r")
            .build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
  }
}
