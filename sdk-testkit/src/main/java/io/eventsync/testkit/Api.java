package io.eventsync.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * The API families the sandbox emulates; each renders errors in its vendor's shape and says whether
 * random chaos may hit it.
 */
enum Api {
  /** The three OAuth token endpoints: RFC 6749 {@code {"error", "error_description"}}. */
  AUTH(false) {
    @Override
    MockResponse error(SandboxError error, String path) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", error.code());
      body.put("error_description", error.getMessage());
      return Responses.json(error.status(), body);
    }
  },
  /** Tiki event queue: {@code {"error": CODE, "message": text}}. */
  TIKI_QUEUE(true) {
    @Override
    MockResponse error(SandboxError error, String path) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", error.code());
      body.put("message", error.getMessage());
      return Responses.json(error.status(), body);
    }
  },
  /** TikiNOW: the documented {@code success/error/meta_data} envelope. */
  TIKINOW(true) {
    @Override
    MockResponse error(SandboxError error, String path) {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("status_code", error.status());
      inner.put("message", error.getMessage());
      inner.put("message_code", error.code());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", false);
      body.put("error", inner);
      body.put("meta_data", Map.of("request_id", Ids.requestId()));
      return Responses.json(error.status(), body);
    }
  },
  /** Puro events log: RFC 7807 problem JSON. */
  EVENT_LOG(true),
  /** The Wishlist Co. collector: RFC 7807 problem JSON. */
  COLLECTOR(true),
  /** Hii Retail customer orders: RFC 7807 problem JSON. */
  CUSTOMER_ORDERS(true),
  /** The sandbox's own admin surface: {@code {"error": text}}; never faulted. */
  ADMIN(false) {
    @Override
    MockResponse error(SandboxError error, String path) {
      return Responses.json(error.status(), Map.of("error", error.getMessage()));
    }
  };

  private final boolean chaosApplies;

  Api(boolean chaosApplies) {
    this.chaosApplies = chaosApplies;
  }

  /** Whether random chaos faults may hit this API (never the admin surface or token endpoints). */
  boolean chaosApplies() {
    return chaosApplies;
  }

  /** Renders {@code error} in this API's error shape; the default is RFC 7807 problem JSON. */
  MockResponse error(SandboxError error, String path) {
    return Responses.problem(error.status(), error.getMessage(), path);
  }

  /** Guesses the API of a path that matched no route, for the shape of its 404. */
  static Api forPath(String path) {
    if (path.startsWith("/_sandbox")) {
      return ADMIN;
    } else if (path.startsWith("/integration/")) {
      return TIKI_QUEUE;
    } else if (path.startsWith("/business/")) {
      return TIKINOW;
    } else if (path.contains("/oauth2/") || path.startsWith("/auth/")) {
      return AUTH;
    } else if (path.startsWith("/saleschannel-services")) {
      return EVENT_LOG;
    } else if (path.startsWith("/business-units")) {
      return CUSTOMER_ORDERS;
    }
    return COLLECTOR;
  }
}
