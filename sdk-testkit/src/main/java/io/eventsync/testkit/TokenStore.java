package io.eventsync.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The opaque bearer tokens the sandbox has issued, and the check of every API call against them.
 *
 * <p>Which tokens each API accepts: the Tiki event queue and TikiNOW take Tiki tokens (app or
 * seller); Hii Retail takes Hii tokens; the collector takes Keycloak tokens whose realm is the
 * {@code X-TWC-Tenant} of the call; the events log takes any sandbox token or HTTP Basic with the
 * sandbox client as API key. The dev token {@value #DEV_TOKEN}, when enabled, works everywhere.
 */
final class TokenStore {
  static final String DEV_TOKEN = "sandbox-token";
  static final String DEV_SELLER = "sandbox-seller";
  static final String CLIENT_ID = "sandbox-client";
  static final String CLIENT_SECRET = "sandbox-secret";
  private static final int PRUNE_THRESHOLD = 10_000;

  /** Who issued a token and for what. */
  enum Kind {
    NONE,
    DEV,
    TIKI_APP,
    TIKI_SELLER,
    HII,
    KEYCLOAK,
    API_KEY
  }

  /** Which tokens a route accepts. */
  enum Scope {
    NONE,
    TIKI,
    HII,
    COLLECTOR,
    ANY
  }

  /** The caller behind a token: its kind, Tiki seller id and Keycloak realm where they apply. */
  static final class Principal {
    static final Principal ANONYMOUS = new Principal(Kind.NONE, null, null);

    final Kind kind;
    final @Nullable String sellerId;
    final @Nullable String realm;

    Principal(Kind kind, @Nullable String sellerId, @Nullable String realm) {
      this.kind = kind;
      this.sellerId = sellerId;
      this.realm = realm;
    }
  }

  private static final class Issued {
    final Principal principal;
    final @Nullable Instant expiresAt;

    Issued(Principal principal, @Nullable Instant expiresAt) {
      this.principal = principal;
      this.expiresAt = expiresAt;
    }
  }

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Ids ids;
  private final boolean devTokenEnabled;

  TokenStore(Clock clock, Ids ids, boolean devTokenEnabled) {
    this.clock = clock;
    this.ids = ids;
    this.devTokenEnabled = devTokenEnabled;
  }

  /** Issues a token for {@code principal}; a null {@code ttl} never expires. */
  String issue(Principal principal, @Nullable Duration ttl) {
    if (tokens.size() > PRUNE_THRESHOLD) {
      Instant now = clock.instant();
      tokens.values().removeIf(t -> t.expiresAt != null && !now.isBefore(t.expiresAt));
    }
    String token = "sbx_" + ids.hex(40);
    tokens.put(token, new Issued(principal, ttl == null ? null : clock.instant().plus(ttl)));
    return token;
  }

  /** Revokes an issued token; returns false if it was not issued (or expired, or revoked). */
  boolean revoke(String token) {
    return tokens.remove(token) != null;
  }

  /** Forgets every issued token (the dev token stays). */
  void reset() {
    tokens.clear();
  }

  /** Whether {@code id}/{@code secret} are the sandbox's OAuth client. */
  static boolean isClient(@Nullable String id, @Nullable String secret) {
    return CLIENT_ID.equals(id) && CLIENT_SECRET.equals(secret);
  }

  /**
   * Returns the {@code [id, secret]} of an {@code Authorization: Basic} header, or null if the
   * header is absent or not Basic.
   */
  static String @Nullable [] basicCredentials(SandboxRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? new String[] {decoded, ""}
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return new String[] {"", ""};
    }
  }

  /**
   * Checks the caller of a route with {@code scope}.
   *
   * @throws SandboxError 401 {@code INVALID_TOKEN} if the token is missing, unknown, expired or not
   *     accepted by this API
   */
  Principal authorize(Scope scope, SandboxRequest request) {
    if (scope == Scope.NONE) {
      return Principal.ANONYMOUS;
    }
    if (scope == Scope.ANY) {
      String[] basic = basicCredentials(request);
      if (basic != null && isClient(basic[0], basic[1])) {
        return new Principal(Kind.API_KEY, null, null);
      }
    }
    Principal principal = lookup(bearer(request));
    if (principal == null || !accepts(scope, principal, request)) {
      throw new SandboxError(401, "INVALID_TOKEN", "Unauthorized");
    }
    return principal;
  }

  private static @Nullable String bearer(SandboxRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  private @Nullable Principal lookup(@Nullable String token) {
    if (token == null) {
      return null;
    }
    if (devTokenEnabled && DEV_TOKEN.equals(token)) {
      return new Principal(Kind.DEV, DEV_SELLER, null);
    }
    Issued issued = tokens.get(token);
    if (issued == null) {
      return null;
    }
    if (issued.expiresAt != null && !clock.instant().isBefore(issued.expiresAt)) {
      tokens.remove(token);
      return null;
    }
    return issued.principal;
  }

  private static boolean accepts(Scope scope, Principal principal, SandboxRequest request) {
    if (principal.kind == Kind.DEV) {
      return true;
    }
    switch (scope) {
      case TIKI:
        return principal.kind == Kind.TIKI_APP || principal.kind == Kind.TIKI_SELLER;
      case HII:
        return principal.kind == Kind.HII;
      case COLLECTOR:
        String tenant = request.header("X-TWC-Tenant");
        return principal.kind == Kind.KEYCLOAK
            && (tenant == null || principal.realm.equals(tenant));
      default:
        return true;
    }
  }
}
