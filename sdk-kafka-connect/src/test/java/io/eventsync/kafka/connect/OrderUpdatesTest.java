package io.eventsync.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.orders.CustomerOrderUpdate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderUpdatesTest {
  private static final String JSON =
      "{\"businessUnitId\":\"bu\",\"version\":3,\"customerOrder\":{\"customerOrderId\":\"o1\","
          + "\"customerId\":\"c1\",\"status\":\"CREATED\",\"isLocked\":true,"
          + "\"items\":[{\"itemId\":\"i1\",\"quantityOrdered\":2,\"unitPrice\":9.5}]}}";

  @Test
  void jsonTextBytesAndSchemalessMapsDecodeToTheSameUpdate() {
    CustomerOrderUpdate update = OrderUpdates.decode(JSON);
    assertThat(update.businessUnitId()).isEqualTo("bu");
    assertThat(update.version()).isEqualTo(3L);
    assertThat(update.customerOrder().customerOrderId()).isEqualTo("o1");
    assertThat(update.customerOrder().isLocked()).isTrue();
    assertThat(update.customerOrder().items().get(0).unitPrice())
        .isEqualByComparingTo(new BigDecimal("9.5"));
    assertThat(OrderUpdates.decode(JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(update);
    Map<String, Object> map =
        Map.of(
            "businessUnitId",
            "bu",
            "version",
            3L,
            "customerOrder",
            Map.of(
                "customerOrderId",
                "o1",
                "customerId",
                "c1",
                "status",
                "CREATED",
                "isLocked",
                true,
                "items",
                List.of(Map.of("itemId", "i1", "quantityOrdered", 2, "unitPrice", "9.5"))));
    assertThat(OrderUpdates.decode(map)).isEqualTo(update);
  }

  @Test
  void aValueThatIsNotAnUpdateNamesWhatIsWrong() {
    assertThatThrownBy(() -> OrderUpdates.decode("{\"businessUnitId\": 12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the record value is not JSON");
    assertThatThrownBy(() -> OrderUpdates.decode(JSON.replace("\"customerId\":\"c1\",", "")))
        .hasMessage("customerId is missing");
    assertThatThrownBy(() -> OrderUpdates.decode(JSON.replace("\"version\":3", "\"version\":1.5")))
        .hasMessage("version must be a whole number: 1.5");
    assertThatThrownBy(() -> OrderUpdates.decode(42))
        .hasMessageContaining("must be JSON text, bytes or a map");
  }
}
