package io.eventsync.auth;

import io.eventsync.Api;
import io.eventsync.internal.Authorizer;
import io.eventsync.internal.ClientCredentialsGrant;
import io.eventsync.internal.Redactor;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client credentials: tokens are fetched from the token endpoint when first needed,
 * cached until {@link #DEFAULT_REFRESH_MARGIN shortly before} {@code expires_in}, and refreshed by
 * one thread while the others wait for its result (single flight). When a server answers 401 the
 * cached token is dropped and the call is tried once more with a fresh one.
 *
 * <p>Presets for the documented token endpoints: {@link #tiki}, {@link #hiiRetail} and {@link
 * #wishlistCo}. A preset's token endpoint follows its API's base URL: when the client calls that
 * API on a host outside the vendor's own domains (the sandbox, a proxy), tokens are requested from
 * that host's scheme, host and port, with the preset's path (for example {@code
 * http://localhost:8080/sc/oauth2/token}), so the client secret never goes to the production host
 * unasked. The vendors' domains are {@code tiki.vn} and {@code tikinow.vn} for {@link #tiki} (event
 * queue and fulfillment), {@code retailsvc.com} for {@link #hiiRetail} (customer orders) and {@code
 * thewishlist.io} for {@link #wishlistCo} (collector); the credentials made for one host are made
 * once and shared, so they share one token. A token URL set with {@link Builder#tokenUrl} is always
 * used as it is.
 *
 * <p>Token requests follow no redirect: a redirect from the token endpoint is a {@link
 * io.eventsync.RedirectException}.
 *
 * <p>Thread-safe. Share one instance between clients that use the same credentials so they share
 * one token. {@link #toString()} shows the token URL and client id, never the secret or the token.
 */
public final class ClientCredentials extends Credentials {
  /** Default {@link Builder#refreshMargin}: a token is renewed 30 s before it expires. */
  public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

  /** The Tiki Open API token endpoint. */
  public static final String TIKI_TOKEN_URL = "https://api.tiki.vn/sc/oauth2/token";

  /** The Hii Retail token endpoint. */
  public static final String HII_RETAIL_TOKEN_URL = "https://auth.retailsvc.com/oauth2/token";

  /** The audience Hii Retail requires in every token request. */
  public static final String HII_RETAIL_AUDIENCE = "https://hiiretail.com";

  /** The Wishlist Co. Keycloak host; the realm is the tenant id. */
  public static final String WISHLIST_CO_AUTH_HOST = "https://auth.au-aws.thewishlist.io";

  private static final Logger log = LoggerFactory.getLogger(ClientCredentials.class);

  /** How the client authenticates itself at the token endpoint. */
  public enum AuthMethod {
    /** {@code Authorization: Basic base64(client_id:client_secret)}. */
    CLIENT_SECRET_BASIC,
    /** {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST
  }

  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final AuthMethod authMethod;
  private final String scope;
  private final String audience;
  private final Duration refreshMargin;
  private final Set<Api> presetApis;
  private final List<String> vendorDomains;
  private final Map<HttpUrl, ClientCredentials> rebased = new ConcurrentHashMap<>();

  private final ClientCredentialsGrant grant;

  private ClientCredentials(Builder builder) {
    this.tokenUrl = builder.tokenUrl;
    this.clientId = builder.clientId;
    this.clientSecret = builder.clientSecret;
    this.authMethod = builder.authMethod;
    this.scope = builder.scope;
    this.audience = builder.audience;
    this.refreshMargin = builder.refreshMargin;
    this.presetApis = builder.followsBaseUrl ? builder.presetApis : EnumSet.noneOf(Api.class);
    this.vendorDomains = builder.vendorDomains;
    this.grant = grant();
  }

  private ClientCredentials(ClientCredentials preset, HttpUrl tokenUrl) {
    this.tokenUrl = tokenUrl;
    this.clientId = preset.clientId;
    this.clientSecret = preset.clientSecret;
    this.authMethod = preset.authMethod;
    this.scope = preset.scope;
    this.audience = preset.audience;
    this.refreshMargin = preset.refreshMargin;
    this.presetApis = EnumSet.noneOf(Api.class);
    this.vendorDomains = List.of();
    this.grant = grant();
  }

  private ClientCredentialsGrant grant() {
    return new ClientCredentialsGrant(
        tokenUrl,
        clientId,
        clientSecret,
        authMethod == AuthMethod.CLIENT_SECRET_BASIC,
        scope,
        audience,
        refreshMargin);
  }

  /**
   * Returns a builder for Tiki's in-house or public-app token ({@code POST /sc/oauth2/token},
   * client secret sent as HTTP basic; switch with {@link Builder#authMethod} if the app is set up
   * for {@code client_secret_post}).
   */
  public static Builder tiki(String clientId, String clientSecret) {
    return new Builder(TIKI_TOKEN_URL, clientId, clientSecret)
        .preset(EnumSet.of(Api.EVENT_QUEUE, Api.FULFILLMENT), "tiki.vn", "tikinow.vn");
  }

  /**
   * Returns a builder for a Hii Retail token: HTTP basic client authentication and the mandatory
   * audience {@value #HII_RETAIL_AUDIENCE}.
   */
  public static Builder hiiRetail(String clientId, String clientSecret) {
    return new Builder(HII_RETAIL_TOKEN_URL, clientId, clientSecret)
        .audience(HII_RETAIL_AUDIENCE)
        .preset(EnumSet.of(Api.CUSTOMER_ORDERS), "retailsvc.com");
  }

  /**
   * Returns a builder for a Wishlist Co. token from the Keycloak realm named after {@code
   * tenantId}, with the client secret in the form body.
   */
  public static Builder wishlistCo(String tenantId, String clientId, String clientSecret) {
    Objects.requireNonNull(tenantId, "tenantId == null");
    if (tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId is blank");
    }
    return new Builder(
            WISHLIST_CO_AUTH_HOST + "/auth/realms/x/protocol/openid-connect/token",
            clientId,
            clientSecret)
        .keycloakRealm(tenantId)
        .authMethod(AuthMethod.CLIENT_SECRET_POST)
        .preset(EnumSet.of(Api.COLLECTOR), "thewishlist.io");
  }

  /** Returns the token endpoint. */
  public String tokenUrl() {
    return tokenUrl.toString();
  }

  /** Returns the client id. */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns the credentials for calls to {@code api} at {@code baseUrl}. For a preset ({@link
   * #tiki} for the event queue and fulfillment, {@link #hiiRetail} for customer orders, {@link
   * #wishlistCo} for the collector) whose token URL was not set, and a base URL outside the
   * vendor's domains ({@code tiki.vn} and {@code tikinow.vn}, {@code retailsvc.com}, {@code
   * thewishlist.io}), that is credentials whose token endpoint has the base URL's scheme, host and
   * port and the preset's path, for example {@code http://localhost:8080/sc/oauth2/token}; they are
   * made once per host and shared, so they share one token. Otherwise it is these credentials.
   */
  @Override
  Credentials forApi(Api api, String baseUrl) {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    HttpUrl base = HttpUrl.parse(baseUrl);
    if (!presetApis.contains(api) || base == null || onVendorDomain(base.host())) {
      return this;
    }
    HttpUrl target =
        tokenUrl.newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build();
    return rebased.computeIfAbsent(
        target,
        url -> {
          log.debug(
              "token requests for client {} go to {}, the host of the {} API's base URL",
              clientId,
              Redactor.url(url),
              api.displayName());
          return new ClientCredentials(this, url);
        });
  }

  private boolean onVendorDomain(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    for (String domain : vendorDomains) {
      if (lower.equals(domain) || lower.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  @Override
  Authorizer authorizer() {
    return grant;
  }

  @Override
  public String toString() {
    return "ClientCredentials{tokenUrl="
        + Redactor.url(tokenUrl)
        + (presetApis.isEmpty() ? "" : " (or this path on the API's base URL)")
        + ", clientId="
        + clientId
        + ", clientSecret=redacted, authMethod="
        + authMethod
        + (scope != null ? ", scope=" + scope : "")
        + (audience != null ? ", audience=" + audience : "")
        + '}';
  }

  /** Builds {@link ClientCredentials}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private AuthMethod authMethod = AuthMethod.CLIENT_SECRET_BASIC;
    private String scope;
    private String audience;
    private String keycloakRealm;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Set<Api> presetApis = EnumSet.noneOf(Api.class);
    private List<String> vendorDomains = List.of();
    private boolean followsBaseUrl;

    Builder(String tokenUrl, String clientId, String clientSecret) {
      Objects.requireNonNull(clientId, "clientId == null");
      Objects.requireNonNull(clientSecret, "clientSecret == null");
      if (clientId.isBlank() || clientId.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "clientId must be non-blank and without ':' but was \"" + clientId + "\"");
      }
      checkNoControl(clientId, "clientId");
      if (clientSecret.isEmpty()) {
        throw new IllegalArgumentException("clientSecret is empty");
      }
      checkNoControl(clientSecret, "clientSecret");
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      this.tokenUrl = parseTokenUrl(tokenUrl);
    }

    Builder preset(Set<Api> apis, String... domains) {
      this.presetApis = apis;
      this.vendorDomains = List.of(domains);
      this.followsBaseUrl = true;
      return this;
    }

    /**
     * Sets the token endpoint, replacing the preset's (for a regional host, say). It is then used
     * as it is, whatever the client's base URL; without it a preset's endpoint follows the API's
     * base URL (see {@link ClientCredentials}). For the Wishlist Co. preset give the Keycloak host
     * (or any URL on it): the realm path is kept. Default: the preset's endpoint.
     *
     * @throws IllegalArgumentException if not an http or https URL
     */
    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = parseTokenUrl(tokenUrl);
      this.followsBaseUrl = false;
      return this;
    }

    private static HttpUrl parseTokenUrl(String tokenUrl) {
      Objects.requireNonNull(tokenUrl, "tokenUrl == null");
      HttpUrl url = HttpUrl.parse(tokenUrl);
      if (url == null) {
        throw new IllegalArgumentException(
            "tokenUrl is not an http or https URL: \"" + Redactor.rawUrl(tokenUrl) + "\"");
      }
      return url;
    }

    /** Sets how the client secret is sent. Default {@link AuthMethod#CLIENT_SECRET_BASIC}. */
    public Builder authMethod(AuthMethod authMethod) {
      this.authMethod = Objects.requireNonNull(authMethod, "authMethod == null");
      return this;
    }

    /** Sets the {@code scope} form parameter. Default: none sent. */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope == null");
      return this;
    }

    /** Sets the {@code audience} form parameter. Default: none, except for {@link #hiiRetail}. */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience == null");
      return this;
    }

    /**
     * Sets how long before expiry a token is renewed; at most half the token's lifetime is used.
     * Default 30 s.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder refreshMargin(Duration refreshMargin) {
      Objects.requireNonNull(refreshMargin, "refreshMargin == null");
      if (refreshMargin.isNegative()) {
        throw new IllegalArgumentException(
            "refreshMargin must not be negative but was " + refreshMargin);
      }
      this.refreshMargin = refreshMargin;
      return this;
    }

    Builder keycloakRealm(String realm) {
      this.keycloakRealm = realm;
      return this;
    }

    /** Returns the credentials. */
    public ClientCredentials build() {
      if (keycloakRealm != null) {
        tokenUrl =
            tokenUrl
                .newBuilder()
                .encodedPath("/auth/realms/")
                .addPathSegment(keycloakRealm)
                .addPathSegments("protocol/openid-connect/token")
                .build();
      }
      return new ClientCredentials(this);
    }
  }
}
