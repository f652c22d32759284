package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Jobs are checked before they are sent, with the wire field named. */
class JobTest {
  @Test
  void buildRejectsBadScheduleItemCountTemplateAndNotification() {
    assertThatThrownBy(() -> Job.builder(Notification.REMINDER, "0 9 * *", "d").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "schedule \"0 9 * *\" is not a valid cron expression: it has 4 fields; "
                + Cron.DIALECT);
    assertThatThrownBy(
            () ->
                Job.builder(Notification.REMINDER, "0 9 * * *", "d")
                    .scheduleExpression("0 0 9 * * SUNDAY")
                    .build())
        .hasMessage(
            "scheduleExpression \"0 0 9 * * SUNDAY\" is not a valid cron expression: day-of-week"
                + " field \"SUNDAY\": \"SUNDAY\" is not a number or name");
    assertThatThrownBy(
            () ->
                Job.builder(Notification.REMINDER, "0 9 * * *", "d")
                    .numberOfItemsInEmail(0)
                    .build())
        .hasMessage(
            "number_of_items_in_email must be -1 (the whole wishlist) or at least 1 but was 0");
    assertThatThrownBy(
            () ->
                Job.builder(Notification.REMINDER, "0 9 * * *", "d")
                    .numberOfItemsInEmail(-2)
                    .build())
        .hasMessage(
            "number_of_items_in_email must be -1 (the whole wishlist) or at least 1 but was -2");
    assertThatThrownBy(() -> Job.builder(Notification.REMINDER, "0 9 * * *", "").build())
        .hasMessage("template_id must not be blank but was \"\"");
    assertThat(Job.builder(Notification.of("WEEKLY_DIGEST"), "0 9 * * *", "d").build())
        .extracting(job -> job.notification().value())
        .isEqualTo("WEEKLY_DIGEST");
    assertThat(
            Job.builder(Notification.BACK_IN_STOCK, "0 0 9 * * ?", "d")
                .numberOfItemsInEmail(5)
                .active(false)
                .scheduled(false)
                .build())
        .satisfies(
            job -> {
              assertThat(job.numberOfItemsInEmail()).isEqualTo(5);
              assertThat(job.isActive()).isFalse();
            });
  }
}
