package io.eventsync.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 1d}, a plain
 * {@code 0}, or ISO-8601 ({@code PT1S}). Registered once for every {@link Duration} option.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher shortForm = SHORT.matcher(text);
    if (shortForm.matches()) {
      long amount;
      try {
        amount = Long.parseLong(shortForm.group(1));
      } catch (NumberFormatException e) {
        throw invalid(value);
      }
      switch (shortForm.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw invalid(value);
    }
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a duration; use e.g. 500ms, 5s, 1m, 2h or ISO-8601 PT1S");
  }
}
