package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.DecodingException;
import io.eventsync.auth.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookParserTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final WebhookSigner SIGNER = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET);
  private final WebhookParser parser =
      WebhookParser.of(WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(SECRET).build());

  @Test
  void orderStatusDecodesWithOffsetKept() {
    WebhookPayload payload =
        parse(
            "{\"data\": {\"date\": \"2022-10-26T14:22:46+07:00\", \"ref_code\": \"EXT123123\","
                + " \"order_code\": \"347171821\", \"main_state\": \"shipping\","
                + " \"main_substate\": \"delivery_failed_1\", \"reason\": \"Khách hẹn lại\","
                + " \"reason_code\": \"receiver_reschedule\", \"new_field\": [1, 2]}}");

    assertThat(payload)
        .isEqualTo(
            new TikiNowOrderStatus(
                OffsetDateTime.parse("2022-10-26T14:22:46+07:00"),
                "EXT123123",
                "347171821",
                "shipping",
                "delivery_failed_1",
                "Khách hẹn lại",
                "receiver_reschedule",
                null));
    assertThat(((TikiNowOrderStatus) payload).date().getOffset().getTotalSeconds())
        .isEqualTo(7 * 3600);
  }

  @Test
  void canceledOrderCarriesExtraInfo() {
    TikiNowOrderStatus payload =
        (TikiNowOrderStatus)
            parse(
                "{\"data\":{\"date\":\"2022-10-26T14:22:46+07:00\",\"order_code\":\"1\","
                    + "\"main_state\":\"canceled\",\"extra_info\":{\"cancel_reason_code\":\"202\","
                    + "\"cancel_reason\":\"out of stock\"}}}");

    assertThat(payload.extraInfo())
        .isEqualTo(new TikiNowOrderStatus.ExtraInfo("202", "out of stock"));
  }

  @Test
  void stockDecodes() {
    assertThat(
            parse(
                "{\"data\":{\"date\":\"2022-10-26T14:22:46+07:00\",\"sku\":\"8936\","
                    + "\"warehouse\":\"sgn3\",\"qty_salable\":147,\"seller_product_code\":\"A-1\","
                    + "\"partner_id\":\"41235121321\"}}"))
        .isEqualTo(
            new TikiNowStock(
                OffsetDateTime.parse("2022-10-26T14:22:46+07:00"),
                "8936",
                "sgn3",
                147L,
                "A-1",
                "41235121321"));
  }

  @Test
  void aftersaleDecodes() {
    assertThat(
            parse(
                "{\"data\":{\"date\":\"2022-10-26T14:22:46+07:00\",\"ref_code\":\"CR22509365559\","
                    + "\"order_code\":\"347171821\",\"status\":\"canceled\",\"type\":\"cr\"}}"))
        .isEqualTo(
            new TikiNowAftersale(
                OffsetDateTime.parse("2022-10-26T14:22:46+07:00"),
                "CR22509365559",
                "347171821",
                "canceled",
                "cr"));
  }

  @Test
  void cloudEventKeepsDataAsRawJson() {
    String json =
        "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/customer-orders\","
            + "\"type\":\"customer-order.updated.v1\",\"time\":\"2026-03-01T10:00:00.123+01:00\","
            + "\"datacontenttype\":\"application/json\",\"tenant\":\"t1\","
            + "\"data\":{\"orderId\":\"o-1\",\"total\":12345678901234567890.50}}";

    HiiRetailEvent event = (HiiRetailEvent) parse(json);

    assertThat(event.id()).isEqualTo("e-1");
    assertThat(event.source()).isEqualTo("/customer-orders");
    assertThat(event.type()).isEqualTo("customer-order.updated.v1");
    assertThat(event.specVersion()).isEqualTo("1.0");
    assertThat(event.time()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00.123+01:00"));
    assertThat(event.dataContentType()).isEqualTo("application/json");
    assertThat(event.subject()).isNull();
    assertThat(event.dataJson())
        .isEqualTo("{\"orderId\":\"o-1\",\"total\":12345678901234567890.50}");
    assertThat(event.rawJson()).isEqualTo(json);
    assertThat(event.<OrderRef>data(OrderRef.class))
        .isEqualTo(new OrderRef("o-1", new java.math.BigDecimal("12345678901234567890.50")));
  }

  /** A public record, as Moshi requires. */
  public record OrderRef(String orderId, java.math.BigDecimal total) {}

  @Test
  void unknownShapesKeepTheRawJson() {
    for (String json :
        new String[] {
          "{\"data\":{\"something\":\"new\"}}",
          "{\"event\":\"ping\"}",
          "[1,2,3]",
          "\"just a string\"",
          "{\"data\":[]}",
        }) {
      assertThat(parse(json)).isEqualTo(new UnknownWebhookPayload(json));
    }
  }

  @Test
  void emojiBodyIsKeptByteForByte() {
    String json = "{\"note\":\"📦🚚✅\"}";

    assertThat(parse(json)).isEqualTo(new UnknownWebhookPayload(json));
  }

  @Test
  void malformedJsonFailsWithDecodingExceptionAfterVerification() {
    assertThatThrownBy(() -> parse("{\"data\": {"))
        .isInstanceOf(DecodingException.class)
        .satisfies(e -> assertThat(((DecodingException) e).malformed()).isTrue());
    assertThatThrownBy(() -> parse("")).isInstanceOf(DecodingException.class);
  }

  @Test
  void wrongShapeOfKnownPayloadFailsWithThePath() {
    assertThatThrownBy(
            () -> parse("{\"data\":{\"date\":\"yesterday\",\"main_state\":\"shipping\"}}"))
        .isInstanceOf(DecodingException.class)
        .satisfies(e -> assertThat(((DecodingException) e).path()).isEqualTo("$.data.date"));
  }

  @Test
  void verificationHappensBeforeParsing() {
    byte[] body = "not json at all".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> parser.verifyAndParse(Map.of("x-signature", "sha1=" + "0".repeat(40)), body))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void deliveryIdIsTheBodyDigestForTikiNowAndTheIdOtherwise() {
    byte[] body = "{\"data\":{\"sku\":\"1\"}}".getBytes(StandardCharsets.UTF_8);

    WebhookDelivery delivery =
        parser.verifyAndParseDelivery(WebhookHeaders.of(SIGNER.sign(body)), body);

    assertThat(delivery.deliveryId())
        .isEqualTo("sha256:" + HexTestUtil.hex(sha256(body)))
        .isEqualTo(
            parser.verifyAndParseDelivery(WebhookHeaders.of(SIGNER.sign(body)), body).deliveryId());
    assertThat(delivery.verification().keyId()).isEqualTo("default");
    assertThat(delivery.bodyUtf8()).isEqualTo("{\"data\":{\"sku\":\"1\"}}");
    assertThat(
            new WebhookDelivery(
                    new Verification("k", null, null),
                    new HiiRetailEvent("e-1", null, null, null, null, null, null, null, "{}"),
                    body)
                .deliveryId())
        .isEqualTo("cloudevent:e-1");
    assertThat(
            new WebhookDelivery(
                    new Verification("k", "msg_9", java.time.Instant.EPOCH),
                    new UnknownWebhookPayload("{}"),
                    body)
                .deliveryId())
        .isEqualTo("msg_9");
  }

  @Test
  void parseVerifiedDecodesWithoutVerifying() {
    assertThat(WebhookParser.parseVerified("{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new UnknownWebhookPayload("{}"));
  }

  private WebhookPayload parse(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return parser.verifyAndParse(SIGNER.sign(body), body);
  }

  private static byte[] sha256(byte[] body) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
