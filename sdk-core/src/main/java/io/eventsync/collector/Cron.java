package io.eventsync.collector;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks a notification job's cron {@code schedule} before it is sent. The collector does not
 * document its dialect; this accepts the common core of Unix cron and Spring/Quartz:
 *
 * <ul>
 *   <li>5 fields {@code minute hour day-of-month month day-of-week}, or 6 fields with {@code
 *       second} first.
 *   <li>A field is a comma list of {@code *}, {@code n}, {@code a-b}, each optionally followed by
 *       {@code /step}; {@code ?} (no specific value) in a day field.
 *   <li>second and minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or {@code JAN}-{@code
 *       DEC}, day-of-week 0-7 (0 and 7 are Sunday) or {@code SUN}-{@code SAT}, case-insensitive.
 *   <li>Not accepted: macros ({@code @daily}), Quartz's {@code L}, {@code W} and {@code #}, a year
 *       field.
 * </ul>
 */
final class Cron {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One field of the expression: its name, bounds, and names standing for numbers. */
  private record Field(String name, int min, int max, List<String> names, int firstName) {
    boolean isDayField() {
      return name.startsWith("day");
    }
  }

  private static final List<Field> SIX_FIELDS =
      List.of(
          new Field("second", 0, 59, List.of(), 0),
          new Field("minute", 0, 59, List.of(), 0),
          new Field("hour", 0, 23, List.of(), 0),
          new Field("day-of-month", 1, 31, List.of(), 0),
          new Field("month", 1, 12, MONTHS, 1),
          new Field("day-of-week", 0, 7, DAYS, 0));

  /** What a valid expression looks like, for messages. */
  static final String DIALECT =
      "expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second first),"
          + " for example \"0 9 * * MON-FRI\"";

  private Cron() {}

  /**
   * Checks {@code expression}.
   *
   * @throws IllegalArgumentException naming {@code field}, showing the expression and what is wrong
   */
  static void check(String expression, String field) {
    Checks.requiredText(expression, field);
    String problem = problem(expression);
    if (problem != null) {
      throw new IllegalArgumentException(
          field + " \"" + expression + "\" is not a valid cron expression: " + problem);
    }
  }

  /** Returns null if {@code expression} is valid, else what is wrong. */
  static @Nullable String problem(String expression) {
    String[] parts = expression.trim().split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      return "it has " + parts.length + " fields; " + DIALECT;
    }
    List<Field> fields = SIX_FIELDS.subList(6 - parts.length, 6);
    for (int i = 0; i < parts.length; i++) {
      String problem = checkField(parts[i], fields.get(i));
      if (problem != null) {
        return fields.get(i).name() + " field \"" + parts[i] + "\": " + problem;
      }
    }
    return null;
  }

  private static @Nullable String checkField(String text, Field field) {
    if (text.equals("?")) {
      return field.isDayField() ? null : "\"?\" is allowed only in the day fields";
    }
    for (String item : text.split(",", -1)) {
      String problem = checkItem(item, field);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** One list item: {@code *}, {@code n} or {@code a-b}, optionally {@code /step}. */
  private static @Nullable String checkItem(String item, Field field) {
    String range = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      int step = value(item.substring(slash + 1), List.of(), 0);
      if (step < 1) {
        return "the step after \"/\" must be a positive number";
      }
    }
    if (range.equals("*")) {
      return null;
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      return "\"" + range + "\" is not a number or a range a-b";
    }
    int low = value(bounds[0], field.names(), field.firstName());
    int high = bounds.length == 2 ? value(bounds[1], field.names(), field.firstName()) : low;
    for (int i = 0; i < bounds.length; i++) {
      int v = i == 0 ? low : high;
      if (v < 0) {
        return "\""
            + bounds[i]
            + "\" is not a number"
            + (field.names().isEmpty() ? "" : " or name");
      }
      if (v < field.min() || v > field.max()) {
        return v + " is outside " + field.min() + "-" + field.max();
      }
    }
    return low <= high ? null : "the range " + range + " ends before it starts";
  }

  /** Returns the number or name's number, or -1 if it is neither. */
  private static int value(String text, List<String> names, int firstName) {
    int named = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + firstName;
    }
    if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Integer.parseInt(text);
  }
}
