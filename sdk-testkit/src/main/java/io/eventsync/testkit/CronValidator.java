package io.eventsync.testkit;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Validates the cron {@code schedule} of a collector job. The dialect accepted (the vendor does not
 * document one):
 *
 * <ul>
 *   <li>5 fields, Unix style: minute hour day-of-month month day-of-week; or 6 fields,
 *       Spring/Quartz style: second minute hour day-of-month month day-of-week.
 *   <li>Each field: {@code *}, a number, a range {@code a-b}, a step <code>*&#47;n</code>, {@code
 *       a/n} or {@code a-b/n}, or a comma list of those. {@code ?} is allowed in the two day
 *       fields.
 *   <li>Ranges: second and minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or {@code
 *       JAN}-{@code DEC}, day-of-week 0-7 (0 and 7 are Sunday) or {@code SUN}-{@code SAT}; names
 *       are case-insensitive.
 *   <li>Not accepted: macros such as {@code @daily}, Quartz's {@code L}, {@code W} and {@code #},
 *       and a seventh (year) field.
 * </ul>
 */
final class CronValidator {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private CronValidator() {}

  /** Returns null if {@code expression} is valid, else what is wrong with it. */
  static @Nullable String problem(String expression) {
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      return "a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6"
          + " (second first), not "
          + fields.length;
    }
    int offset = fields.length == 6 ? 0 : 1;
    String[] names = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};
    int[] min = {0, 0, 0, 1, 1, 0};
    int[] max = {59, 59, 23, 31, 12, 7};
    for (int i = 0; i < fields.length; i++) {
      int kind = i + offset;
      String problem = field(fields[i], min[kind], max[kind], kind);
      if (problem != null) {
        return names[kind] + " field '" + fields[i] + "': " + problem;
      }
    }
    return null;
  }

  private static @Nullable String field(String field, int min, int max, int kind) {
    if (field.equals("?")) {
      return kind == 3 || kind == 5 ? null : "'?' is allowed only in the day fields";
    }
    for (String part : field.split(",", -1)) {
      String problem = part(part, min, max, kind);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static @Nullable String part(String part, int min, int max, int kind) {
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      Integer step = number(part.substring(slash + 1), null);
      if (step == null || step < 1) {
        return "step must be a positive number";
      }
    }
    if (range.equals("*")) {
      return null;
    }
    int dash = range.indexOf('-');
    String[] bounds =
        dash >= 0
            ? new String[] {range.substring(0, dash), range.substring(dash + 1)}
            : new String[] {range};
    int previous = Integer.MIN_VALUE;
    for (String bound : bounds) {
      Integer value = number(bound, kind == 4 ? MONTHS : kind == 5 ? DAYS : null);
      if (value == null) {
        return "'" + bound + "' is not a number";
      }
      int v = kind == 4 && !Character.isDigit(bound.charAt(0)) ? value + 1 : value;
      if (v < min || v > max) {
        return v + " is out of range " + min + "-" + max;
      }
      if (v < previous) {
        return "range start is after its end";
      }
      previous = v;
    }
    return null;
  }

  private static @Nullable Integer number(String text, @Nullable List<String> names) {
    if (text.isEmpty()) {
      return null;
    }
    if (names != null) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index >= 0) {
        return index;
      }
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return null;
      }
    }
    return text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
  }
}
