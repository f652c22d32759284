package io.eventsync.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from bodies before they reach a log line or an exception (headers are never
 * logged).
 */
public final class Redactor {
  /** What a redacted value is replaced with. */
  public static final String REDACTED = "██";

  /** JSON keys and form fields whose values are secrets, in any case. */
  private static final String SECRET_KEYS =
      "secret_key|secretKey|accessSecret|access_secret|accessKey|access_key|client_secret|clientSecret"
          + "|password|passphrase|access_token|refresh_token|id_token|secret";

  private static final Pattern JSON_SECRET =
      Pattern.compile(
          "(\"(?:" + SECRET_KEYS + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FORM_SECRET =
      Pattern.compile("(^|&)((?:" + SECRET_KEYS + ")=)[^&]*", Pattern.CASE_INSENSITIVE);

  private Redactor() {}

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
