package io.eventsync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueEventPayloadTest {
  @Test
  void documentedOrderStatusDecodesToItsConstant() {
    assertThat(
            QueueEventPayload.decode(
                EventType.ORDER_STATUS_UPDATED,
                "{\"order_code\":\"510916693\",\"status\":\"picking\"}"))
        .isEqualTo(new QueueEventPayload.OrderStatusUpdated("510916693", OrderStatus.PICKING));
  }

  @Test
  void unknownOrderStatusKeepsItsRawValue() {
    QueueEventPayload payload =
        QueueEventPayload.decode(
            EventType.ORDER_STATUS_UPDATED, "{\"orderCode\":\"7\",\"status\":\"on_the_moon\"}");

    assertThat(payload)
        .isInstanceOfSatisfying(
            QueueEventPayload.OrderStatusUpdated.class,
            p -> {
              assertThat(p.status().isKnown()).isFalse();
              assertThat(p.status().value()).isEqualTo("on_the_moon");
            });
  }

  @Test
  void absentOrBlankOrderStatusIsNull() {
    assertThat(
            QueueEventPayload.decode(
                EventType.ORDER_CREATED_SUCCESSFULLY, "{\"order_code\":\"1\",\"status\":\" \"}"))
        .isEqualTo(new QueueEventPayload.OrderCreated("1", null));
    assertThat(
            QueueEventPayload.decode(
                EventType.ORDER_CREATED_SUCCESSFULLY, "{\"order_code\":\"1\"}"))
        .isEqualTo(new QueueEventPayload.OrderCreated("1", null));
  }
}
