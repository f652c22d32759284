package io.eventsync.internal;

import io.eventsync.Api;
import io.eventsync.auth.Credentials;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The SDK's way into a {@link Credentials} value, whose workings are not public API: the {@code
 * io.eventsync.auth} package installs its {@link Accessor} when {@link Credentials} is initialized,
 * which has happened once any instance exists.
 */
public final class CredentialsAccess {
  /** What the {@code io.eventsync.auth} package provides. */
  public interface Accessor {
    /** Returns the authorizer of {@code credentials} (the same one on every call). */
    Authorizer authorizer(Credentials credentials);

    /**
     * Returns the credentials to use for calls to {@code api} at {@code baseUrl}: a preset's token
     * endpoint follows the base URL; any other credentials are returned as they are.
     */
    Credentials forApi(Credentials credentials, Api api, HttpUrl baseUrl);
  }

  private static volatile Accessor accessor;

  private CredentialsAccess() {}

  /**
   * Installs the accessor; called once, by {@link Credentials}' static initializer.
   *
   * @throws IllegalStateException if one is installed already
   */
  public static synchronized void install(Accessor value) {
    Objects.requireNonNull(value, "value == null");
    if (accessor != null) {
      throw new IllegalStateException("the credentials accessor is installed already");
    }
    accessor = value;
  }

  /** Returns the authorizer of {@code credentials}, or null for null (no {@code Authorization}). */
  public static Authorizer authorizer(Credentials credentials) {
    return credentials == null ? null : accessor.authorizer(credentials);
  }

  /**
   * Returns the credentials for calls to {@code api} at {@code baseUrl}, or null for null; see
   * {@link Accessor#forApi}.
   */
  public static Credentials forApi(Credentials credentials, Api api, HttpUrl baseUrl) {
    return credentials == null ? null : accessor.forApi(credentials, api, baseUrl);
  }
}
