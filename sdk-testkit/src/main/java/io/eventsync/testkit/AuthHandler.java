package io.eventsync.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * The three OAuth 2.0 {@code client_credentials} token endpoints: Tiki ({@code client_secret_basic}
 * or {@code client_secret_post}), Hii Retail (Basic only, mandatory {@code
 * audience=https://hiiretail.com}) and the Wishlist Co. Keycloak realm (one realm per tenant).
 */
final class AuthHandler {
  static final String HII_AUDIENCE = "https://hiiretail.com";

  private final TokenStore tokens;
  private final Duration ttl;

  AuthHandler(TokenStore tokens, Duration ttl) {
    this.tokens = tokens;
    this.ttl = ttl;
  }

  void routes(Router router) {
    router.add("POST", "/sc/oauth2/token", Api.AUTH, TokenStore.Scope.NONE, this::tiki);
    router.add("POST", "/oauth2/token", Api.AUTH, TokenStore.Scope.NONE, this::hii);
    router.add(
        "POST",
        "/auth/realms/{realm}/protocol/openid-connect/token",
        Api.AUTH,
        TokenStore.Scope.NONE,
        this::keycloak);
  }

  private MockResponse tiki(SandboxRequest request) {
    Map<String, String> form = clientCredentialsForm(request);
    authenticateClient(request, form, true);
    String token =
        tokens.issue(
            new TokenStore.Principal(TokenStore.Kind.TIKI_APP, TokenStore.DEV_SELLER, null), ttl);
    return Responses.json(200, tokenBody(token, form.getOrDefault("scope", "")));
  }

  private MockResponse hii(SandboxRequest request) {
    Map<String, String> form = clientCredentialsForm(request);
    authenticateClient(request, form, false);
    String audience = form.get("audience");
    if (!HII_AUDIENCE.equals(audience)) {
      throw new SandboxError(
          400, "invalid_request", "audience is mandatory and must be " + HII_AUDIENCE);
    }
    String token = tokens.issue(new TokenStore.Principal(TokenStore.Kind.HII, null, null), ttl);
    return Responses.json(200, tokenBody(token, form.getOrDefault("scope", "")));
  }

  private MockResponse keycloak(SandboxRequest request) {
    Map<String, String> form = clientCredentialsForm(request);
    authenticateClient(request, form, true);
    String realm = request.param("realm");
    String token =
        tokens.issue(new TokenStore.Principal(TokenStore.Kind.KEYCLOAK, null, realm), ttl);
    Map<String, Object> body = tokenBody(token, "profile email");
    body.put("refresh_expires_in", 0);
    body.put("not-before-policy", 0);
    return Responses.json(200, body);
  }

  private static Map<String, String> clientCredentialsForm(SandboxRequest request) {
    Map<String, String> form = request.form();
    String grant = form.get("grant_type");
    if (grant == null || grant.isEmpty()) {
      throw new SandboxError(400, "invalid_request", "grant_type is required");
    }
    if (!"client_credentials".equals(grant)) {
      throw new SandboxError(
          400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    return form;
  }

  /**
   * Checks the client: HTTP Basic ({@code client_secret_basic}) or, where {@code postAllowed},
   * {@code client_id}/{@code client_secret} form fields ({@code client_secret_post}).
   */
  private static void authenticateClient(
      SandboxRequest request, Map<String, String> form, boolean postAllowed) {
    String[] basic = TokenStore.basicCredentials(request);
    boolean ok;
    if (basic != null) {
      ok = TokenStore.isClient(basic[0], basic[1]);
    } else {
      ok = postAllowed && TokenStore.isClient(form.get("client_id"), form.get("client_secret"));
    }
    if (!ok) {
      throw new SandboxError(401, "invalid_client", "Invalid client or Invalid client credentials");
    }
  }

  private Map<String, Object> tokenBody(String token, String scope) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", token);
    body.put("expires_in", ttl.toSeconds());
    body.put("token_type", "Bearer");
    body.put("scope", scope);
    return body;
  }
}
