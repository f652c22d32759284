package io.eventsync.internal;

import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Turns a {@link io.eventsync.auth.Credentials} value into the {@code Authorization} header of each
 * request. Obtained with {@link CredentialsAccess#authorizer}; thread-safe.
 */
public interface Authorizer {
  /**
   * Returns the value of the {@code Authorization} header for the next request, fetching or
   * refreshing a token with {@code http} if needed.
   *
   * @param http the client's HTTP client (its pools are shared)
   * @param clock the client's clock, for token expiry
   * @throws io.eventsync.EventSyncException if a token cannot be obtained
   */
  String authorization(OkHttpClient http, Clock clock);

  /**
   * Tells the authorizer that the server answered 401 to a request sent with {@code authorization}.
   * Returns true if a new value is available for one more attempt (a cached token was dropped),
   * false if retrying would send the same value again.
   */
  default boolean invalidate(String authorization) {
    return false;
  }

  /** Returns an authorizer that always sends {@code authorization}. */
  static Authorizer fixed(String authorization) {
    return (http, clock) -> authorization;
  }
}
