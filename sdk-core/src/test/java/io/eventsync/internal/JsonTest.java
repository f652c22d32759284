package io.eventsync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import io.eventsync.DecodingException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  /** A wire model as the API packages write them. */
  public record Sample(
      @Json.EpochMillis @com.squareup.moshi.Json(name = "created_at") Instant createdAt,
      Instant at,
      OffsetDateTime date,
      BigDecimal price,
      Integer count,
      Status status) {}

  /** An open value as the API packages write them. */
  public static final class Status {
    private final String value;

    private Status(String value) {
      this.value = value;
    }

    public static Status of(String value) {
      return new Status(value);
    }

    public String value() {
      return value;
    }
  }

  private final JsonAdapter<Sample> adapter = Json.adapter(Sample.class);

  @Test
  void decodesEpochMillisIsoInstantsOffsetsLenientNumbersAndOpenValues() {
    Sample sample =
        Json.decode(
            adapter,
            "{\"created_at\": 1740401636695, \"at\": \"2026-01-02T03:04:05.678+07:00\","
                + " \"date\": \"2022-10-26T14:22:46+07:00\", \"price\": \"120000.50\", \"count\": \"7\","
                + " \"status\": \"brand_new\", \"unknown_field\": {\"x\": 1}}",
            "sample");

    assertThat(sample.createdAt()).isEqualTo(Instant.ofEpochMilli(1740401636695L));
    assertThat(sample.at()).isEqualTo(Instant.parse("2026-01-01T20:04:05.678Z"));
    assertThat(sample.date().getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
    assertThat(sample.price()).isEqualByComparingTo("120000.50");
    assertThat(sample.count()).isEqualTo(7);
    assertThat(sample.status().value()).isEqualTo("brand_new");
  }

  @Test
  void numericPricesDecodeToo() {
    assertThat(Json.decode(adapter, "{\"price\": 99.9}", "sample").price())
        .isEqualByComparingTo("99.9");
  }

  @Test
  void writesEpochMillisWhereAnnotatedAndIsoElsewhere() {
    String json =
        Json.encode(
            adapter,
            new Sample(
                Instant.ofEpochMilli(5),
                Instant.ofEpochMilli(5),
                null,
                null,
                null,
                Status.of("x")));
    assertThat(json)
        .isEqualTo("{\"created_at\":5,\"at\":\"1970-01-01T00:00:00.005Z\",\"status\":\"x\"}");
  }

  @Test
  void wrongShapeReportsTheJsonPath() {
    assertThatThrownBy(() -> Json.decode(adapter, "{\"at\": \"yesterday\"}", "sample"))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.at");
              assertThat(e.malformed()).isFalse();
              assertThat(e.getMessage()).contains("\"yesterday\"");
            });
  }

  @Test
  void malformedJsonMessageKeepsThePathButNotMoshisLenientAdvice() {
    assertThatThrownBy(() -> Json.decode(adapter, "{\"at\": 'x' }", "sample"))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("sample: malformed JSON at path $.at")
                  .doesNotContain("setLenient");
              assertThat(e.malformed()).isTrue();
            });
  }

  @Test
  void malformedJsonIsReportedAsMalformed() {
    assertThatThrownBy(() -> Json.decode(adapter, "{\"at\": ", "sample"))
        .isInstanceOfSatisfying(DecodingException.class, e -> assertThat(e.malformed()).isTrue());
  }

  @Test
  void fastUtcParsingAgreesWithTheJdkAndLeavesOtherLayoutsToIt() {
    for (String text :
        List.of(
            "2026-01-01T00:00:00Z",
            "2026-11-24T23:59:59.9Z",
            "2024-02-29T12:34:56.123Z",
            "1970-01-01T00:00:00.000000001Z",
            "2026-03-15T08:00:00.123456789Z")) {
      assertThat(Json.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
    }
    for (String text :
        List.of(
            "2026-01-01T00:00:00+07:00",
            "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01 00:00:00Z",
            "20260101T000000Z")) {
      assertThat(Json.parseUtc(text)).as(text).isNull();
    }
  }
}
