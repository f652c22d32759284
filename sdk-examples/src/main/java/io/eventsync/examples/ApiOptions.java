package io.eventsync.examples;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.Credentials;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --base-url} and {@code --token}, shared by the commands that call an API. */
final class ApiOptions {
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
    try {
      return EventSyncClient.builder()
          .baseUrl(baseUrl)
          .credentials(Credentials.bearer(token))
          .userAgent("eventsync-cli")
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--base-url/--token: " + e.getMessage());
    }
  }
}
