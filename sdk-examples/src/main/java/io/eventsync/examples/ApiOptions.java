package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import java.time.Duration;
import okhttp3.HttpUrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --base-url} and {@code --token}, shared by the commands that call an API. */
final class ApiOptions {
  /**
   * How long the command line waits for a connection: with the client's 4 attempts, a host that
   * never answers is reported within 30 s.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Base URL of the API (env EVENTSYNC_BASE_URL), e.g. the sandbox's.")
  String baseUrl;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "Bearer token (env EVENTSYNC_TOKEN).")
  String token;

  /** Returns a client for these options; bad values become usage errors naming the option. */
  EventSyncClient client() {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option '--base-url=URL' (or EVENTSYNC_BASE_URL)");
    }
    if (token == null || token.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option '--token=TOKEN' (or EVENTSYNC_TOKEN)");
    }
    Credentials credentials;
    try {
      credentials = Credentials.bearer(token);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--token: " + e.getMessage());
    }
    HttpUrl url = checkedUrl();
    try {
      return EventSyncClient.builder()
          .baseUrl(url.toString())
          .credentials(credentials)
          .connectTimeout(CONNECT_TIMEOUT)
          .userAgent("eventsync-cli")
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--base-url: " + e.getMessage());
    }
  }

  /** Returns the base URL as it may be printed: without user info, password or query. */
  String redactedUrl() {
    HttpUrl url = HttpUrl.parse(baseUrl.strip());
    return url == null ? "the --base-url" : redacted(url);
  }

  static String redacted(HttpUrl url) {
    String redacted = url.redact(); // ends in "/...", hiding the path and query
    return redacted.endsWith("/...") && url.encodedPath().equals("/") && url.query() == null
        ? redacted.substring(0, redacted.length() - "/...".length())
        : redacted;
  }

  /** Parses {@code --base-url}, saying what is wrong with it (never showing a password). */
  private HttpUrl checkedUrl() {
    String text = baseUrl.strip();
    HttpUrl url = HttpUrl.parse(text);
    if (url != null) {
      return url;
    }
    String shown = text.replaceFirst("//[^/@]*@", "//...@").replaceFirst("\\?.*", "?...");
    String problem;
    if (!text.contains("://")) {
      problem = "\"" + shown + "\" has no scheme; write http://" + shown + " or https://" + shown;
    } else if (!text.regionMatches(true, 0, "http://", 0, 7)
        && !text.regionMatches(true, 0, "https://", 0, 8)) {
      problem =
          "\""
              + shown
              + "\" is not an http or https URL; the API is reached over HTTP,"
              + " e.g. http://localhost:8080 for the sandbox";
    } else {
      problem = "\"" + shown + "\" is not a valid URL (check the host name and the port)";
    }
    throw new ParameterException(spec.commandLine(), "--base-url: " + problem);
  }
}
