package io.eventsync.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/** Maps {@code METHOD /path/{param}} templates to handlers. Routes are added once, at start. */
final class Router {
  /** Handles one request that matched a route. */
  interface Handler {
    MockResponse handle(SandboxRequest request);
  }

  /** One route: its method, path template, API family, auth scope and handler. */
  static final class Route {
    final String method;
    final String template;
    final Api api;
    final TokenStore.Scope scope;
    final Handler handler;
    private final String[] segments;

    Route(String method, String template, Api api, TokenStore.Scope scope, Handler handler) {
      this.method = method;
      this.template = template;
      this.api = api;
      this.scope = scope;
      this.handler = handler;
      this.segments = split(template);
    }

    /** The key under which requests to this route are counted: {@code "GET /a/{b}"}. */
    String statsKey() {
      return method + " " + template;
    }

    private Map<String, String> match(String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (path[i].isEmpty()) {
            return null;
          }
          params.put(segment.substring(1, segment.length() - 1), path[i]);
        } else if (!segment.equals(path[i])) {
          return null;
        }
      }
      return params;
    }
  }

  /** A matched route and its path parameters. */
  static final class Match {
    final Route route;
    final Map<String, String> params;

    Match(Route route, Map<String, String> params) {
      this.route = route;
      this.params = params;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route. */
  Router add(String method, String template, Api api, TokenStore.Scope scope, Handler handler) {
    routes.add(new Route(method, template, api, scope, handler));
    return this;
  }

  /** Returns the route for this method and path, or null. */
  Match match(String method, String path) {
    String[] segments = split(path);
    for (Route route : routes) {
      if (route.method.equals(method)) {
        Map<String, String> params = route.match(segments);
        if (params != null) {
          return new Match(route, params);
        }
      }
    }
    return null;
  }

  /** Returns a route with this path under another method (for a 405), or null. */
  Route anyMethod(String path) {
    String[] segments = split(path);
    for (Route route : routes) {
      if (route.match(segments) != null) {
        return route;
      }
    }
    return null;
  }

  private static String[] split(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.split("/", -1);
  }
}
