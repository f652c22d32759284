package io.eventsync.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "* * * * *",
        "0 9 * * MON-FRI",
        "*/15 0-6,22-23 1 JAN-mar 0",
        "30 8 1-31/2 * 7",
        "0 0 12 ? * SUN",
        "0 0/5 14 * * ?",
        "  5   4 * *  sun  ",
        "59 23 31 12 6"
      })
  void acceptsFiveAndSixFieldExpressions(String expression) {
    assertThat(Cron.problem(expression)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * *|it has 4 fields; " + Cron.DIALECT,
        "0 0 9 * * * 2026|it has 7 fields; " + Cron.DIALECT,
        "60 * * * *|minute field \"60\": 60 is outside 0-59",
        "0 24 * * *|hour field \"24\": 24 is outside 0-23",
        "0 0 0 * *|day-of-month field \"0\": 0 is outside 1-31",
        "0 0 1 13 *|month field \"13\": 13 is outside 1-12",
        "0 0 * * 8|day-of-week field \"8\": 8 is outside 0-7",
        "*/0 * * * *|minute field \"*/0\": the step after \"/\" must be a positive number",
        "5-1 * * * *|minute field \"5-1\": the range 5-1 ends before it starts",
        "? * * * *|minute field \"?\": \"?\" is allowed only in the day fields",
        "0 0 L * *|day-of-month field \"L\": \"L\" is not a number",
        "0 0 * * MON#2|day-of-week field \"MON#2\": \"MON#2\" is not a number or name",
        "1,,2 * * * *|minute field \"1,,2\": \"\" is not a number",
        "1-2-3 * * * *|minute field \"1-2-3\": \"1-2-3\" is not a number or a range a-b",
        "@daily|it has 1 fields; " + Cron.DIALECT
      })
  void explainsWhatIsWrong(String expression, String problem) {
    assertThat(Cron.problem(expression)).isEqualTo(problem);
  }

  @org.junit.jupiter.api.Test
  void checkNamesTheFieldAndShowsTheExpression() {
    assertThatThrownBy(() -> Cron.check("0 25 * * *", "schedule"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "schedule \"0 25 * * *\" is not a valid cron expression: hour field \"25\": 25 is"
                + " outside 0-23");
    assertThatThrownBy(() -> Cron.check(" ", "schedule"))
        .hasMessage("schedule must not be blank but was \" \"");
  }
}
