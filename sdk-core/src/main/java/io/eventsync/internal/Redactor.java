package io.eventsync.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Removes secrets from bodies and URLs before they reach a log line, an exception or a {@code
 * toString()} (headers are never logged).
 */
public final class Redactor {
  /** What a redacted value is replaced with. */
  public static final String REDACTED = "██";

  /** JSON keys and form fields whose values are secrets, in any case. */
  private static final String SECRET_KEYS =
      "secret_key|secretKey|accessSecret|access_secret|accessKey|access_key|client_secret|clientSecret"
          + "|password|passphrase|access_token|refresh_token|id_token|secret";

  // Unrolled ("[^"\\]*+(?:\\.[^"\\]*+)*+") so that a long string cannot overflow the stack.
  private static final Pattern JSON_SECRET =
      Pattern.compile(
          "(\"(?:"
              + SECRET_KEYS
              + ")\"\\s*:\\s*)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|[^,}\\]\\s]+)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FORM_SECRET =
      Pattern.compile("(^|&)((?:" + SECRET_KEYS + ")=)[^&]*", Pattern.CASE_INSENSITIVE);

  private static final Pattern RAW_USERINFO = Pattern.compile("(//)[^/?#]*@");
  private static final Pattern RAW_QUERY = Pattern.compile("([?&][^=&#]*=)[^&#]*");

  private Redactor() {}

  /**
   * Returns {@code url} for messages: without a user name or password (as OkHttp's {@code
   * HttpUrl.redact()}), each query parameter's value replaced (its name kept) and no fragment; the
   * scheme, host, port and path are kept so the message still says where the request went.
   */
  public static @Nullable String url(@Nullable HttpUrl url) {
    if (url == null) {
      return null;
    }
    String base =
        url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    if (url.querySize() == 0) {
      return base;
    }
    StringBuilder result = new StringBuilder(base).append('?');
    for (int i = 0; i < url.querySize(); i++) {
      result.append(i > 0 ? "&" : "").append(url.queryParameterName(i));
      if (url.queryParameterValue(i) != null) {
        result.append('=').append(REDACTED);
      }
    }
    return result.toString();
  }

  /**
   * Returns {@code text}, a URL that may not even parse, with anything between {@code //} and
   * {@code @} and every query value replaced, for the message that rejects it.
   */
  public static String rawUrl(String text) {
    String result = RAW_USERINFO.matcher(text).replaceAll("$1" + REDACTED + "@");
    return RAW_QUERY
        .matcher(result)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
  }

  /** Returns {@code body} with the values of secret JSON keys and form fields replaced. */
  public static String redactBody(String body) {
    if (body == null || body.isEmpty()) {
      return body;
    }
    Matcher json = JSON_SECRET.matcher(body);
    String result =
        json.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + REDACTED + "\""));
    Matcher form = FORM_SECRET.matcher(result);
    return form.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
  }
}
