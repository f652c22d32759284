package io.eventsync.internal;

import io.eventsync.ApiConnectionException;
import io.eventsync.DecodingException;
import io.eventsync.RateLimitException;
import io.eventsync.ServerException;

/**
 * The SDK's one rule for "may the same call succeed if tried again later?", used wherever a failed
 * call is retried beyond the client's own {@link io.eventsync.RetryPolicy} (the poller's fetches,
 * the order publisher's rounds).
 *
 * <p>Transient: a connection failure ({@link ApiConnectionException}), a server error ({@link
 * ServerException}), a rate limit ({@link RateLimitException}) and a body that was not valid JSON
 * at all ({@link DecodingException#malformed()}, for example cut short by a dropped connection).
 * Permanent: everything else, including well-formed JSON of the wrong shape, which the same server
 * will send again on every retry.
 */
public final class Transience {
  private Transience() {}

  /** Returns true if the call that failed with {@code e} may succeed when tried again. */
  public static boolean isTransient(Throwable e) {
    return e instanceof ApiConnectionException
        || e instanceof ServerException
        || e instanceof RateLimitException
        || (e instanceof DecodingException && ((DecodingException) e).malformed());
  }
}
