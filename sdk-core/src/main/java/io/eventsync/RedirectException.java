package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with a redirect the SDK does not follow: one to another origin (scheme, host
 * and port), one that would turn a {@code POST} into a {@code GET}, one without a usable {@code
 * Location}, or any redirect from a token endpoint. Following such a redirect could send a request
 * body with secrets (an OAuth {@code client_secret}, an SQS {@code accessSecret}) to a host you did
 * not name, or accept another host's answer as the API's. The message names both URLs, with
 * credentials in them redacted; if the new location is trusted, configure it as the base URL (or
 * the token URL).
 */
public class RedirectException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String location;

  /**
   * Creates the exception.
   *
   * @param message what was requested, where it was redirected and why that was refused
   * @param statusCode the redirect's HTTP status (301, 302, 303, 307, 308 ...)
   * @param location the redirect's target with credentials redacted, or null if it named none
   * @param attempts how many attempts were made
   */
  public RedirectException(
      String message, int statusCode, @Nullable String location, int attempts) {
    super(message, statusCode, null, null, null, null, attempts);
    this.location = location;
  }

  /**
   * Returns where the server redirected to, with credentials redacted, or null if it named none.
   */
  public @Nullable String location() {
    return location;
  }
}
