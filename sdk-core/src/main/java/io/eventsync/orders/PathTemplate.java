package io.eventsync.orders;

import io.eventsync.internal.ApiContext;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The PUT path, a template such as {@code
 * /business-units/{businessUnitId}/customer-orders/{customerOrderId}} whose segments are literals
 * or exactly one placeholder; values are encoded as one segment each.
 */
final class PathTemplate {
  static final String BUSINESS_UNIT = "{businessUnitId}";
  static final String ORDER = "{customerOrderId}";

  private final String template;
  private final List<String> segments;

  private PathTemplate(String template, List<String> segments) {
    this.template = template;
    this.segments = segments;
  }

  /**
   * Parses {@code template}.
   *
   * @throws IllegalArgumentException if it does not start with {@code /}, has an empty segment, a
   *     brace outside a whole-segment placeholder, or not each placeholder exactly once
   */
  static PathTemplate parse(String template) {
    ApiContext.requireId(template, "pathTemplate");
    String problem = null;
    List<String> segments = List.of(template.substring(1).split("/", -1));
    if (!template.startsWith("/")) {
      problem = "it must start with /";
    } else if (segments.contains("")) {
      problem = "it has an empty segment";
    } else if (count(segments, BUSINESS_UNIT) != 1 || count(segments, ORDER) != 1) {
      problem = "it needs " + BUSINESS_UNIT + " and " + ORDER + " once each, as whole segments";
    } else if (segments.stream()
        .anyMatch(s -> !s.equals(BUSINESS_UNIT) && !s.equals(ORDER) && s.matches(".*[{}].*"))) {
      problem = "only " + BUSINESS_UNIT + " and " + ORDER + " may appear in braces";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "pathTemplate \"" + template + "\" is not usable: " + problem);
    }
    return new PathTemplate(template, segments);
  }

  private static long count(List<String> segments, String placeholder) {
    return segments.stream().filter(placeholder::equals).count();
  }

  /** Returns the URL for one order under {@code context}'s base URL. */
  HttpUrl expand(ApiContext context, String businessUnitId, String customerOrderId) {
    String[] out = new String[segments.size()];
    for (int i = 0; i < out.length; i++) {
      String s = segments.get(i);
      out[i] = s.equals(BUSINESS_UNIT) ? businessUnitId : s.equals(ORDER) ? customerOrderId : s;
    }
    return context.url(out);
  }

  @Override
  public String toString() {
    return template;
  }
}
