package io.eventsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class CronValidatorTest {
  @Test
  void acceptsFiveAndSixFieldExpressions() {
    for (String ok :
        new String[] {
          "* * * * *",
          "*/5 0-23 1,15 JAN-jun SUN",
          "0 0 9 * * MON-FRI",
          "0 30 2 ? * 1-5",
          "0 0/15 8-18/2 * * ?",
          "0 0 0 L".replace(" L", " 1 * *"),
          "59 59 23 31 12 7"
        }) {
      assertThat(CronValidator.problem(ok)).as(ok).isNull();
    }
  }

  @Test
  void rejectsMalformedExpressionsWithTheReason() {
    assertThat(CronValidator.problem("* * * *")).contains("5 fields").contains("not 4");
    assertThat(CronValidator.problem("0 0 0 0 1 * * *")).contains("not 8");
    assertThat(CronValidator.problem("60 * * * * *"))
        .isEqualTo("second field '60': 60 is out of range 0-59");
    assertThat(CronValidator.problem("* 24 * * *"))
        .isEqualTo("hour field '24': 24 is out of range 0-23");
    assertThat(CronValidator.problem("* * 0 * *"))
        .isEqualTo("day-of-month field '0': 0 is out of range 1-31");
    assertThat(CronValidator.problem("* * * 13 *")).contains("month");
    assertThat(CronValidator.problem("* * * * FUN")).contains("'FUN' is not a number");
    assertThat(CronValidator.problem("? * * * *"))
        .contains("'?' is allowed only in the day fields");
    assertThat(CronValidator.problem("*/0 * * * *")).contains("step must be a positive number");
    assertThat(CronValidator.problem("5-1 * * * *")).contains("range start is after its end");
    assertThat(CronValidator.problem("@daily")).isNotNull();
    assertThat(CronValidator.problem("1,,2 * * * *")).isNotNull();
  }
}
