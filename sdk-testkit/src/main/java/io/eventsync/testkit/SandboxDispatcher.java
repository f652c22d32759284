package io.eventsync.testkit;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request: drains MockWebServer's record of served requests (so memory stays flat),
 * counts it, decides a fault before anything else, checks the token, then calls the route's
 * handler. Any error becomes the API's error shape; nothing escapes as a stack trace.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);

  private final Router router;
  private final TokenStore tokens;
  private final SandboxFaults faults;
  private final StatsRecorder stats;
  private volatile MockWebServer server;

  SandboxDispatcher(Router router, TokenStore tokens, SandboxFaults faults, StatsRecorder stats) {
    this.router = router;
    this.tokens = tokens;
    this.faults = faults;
    this.stats = stats;
  }

  void attach(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
    drainRecordedRequests();
    if (recorded.getFailure() != null) {
      // A request that could not be read; MockWebServer ignores the answer.
      return Responses.empty(400);
    }
    try {
      return route(SandboxRequest.of(recorded));
    } catch (RuntimeException e) {
      LOG.error("sandbox failed on {}", recorded.getRequestLine(), e);
      return Responses.json(
          500,
          Map.of(
              "error",
              "INTERNAL_ERROR",
              "message",
              "the sandbox failed: " + e.getClass().getName()));
    }
  }

  private MockResponse route(SandboxRequest request) {
    Router.Match match = router.match(request.method, request.path);
    Api api = match != null ? match.route.api : Api.forPath(request.path);
    stats.request(match != null ? match.route.statsKey() : request.method + " (unmatched)");
    SandboxFaults.Fault fault = faults.decide(request.path, api);
    if (fault != null && fault.replacesAnswer()) {
      return fault.answer(api, request.path);
    }
    MockResponse response = handle(request, match, api);
    return fault == null ? response : fault.delayed(response);
  }

  private MockResponse handle(SandboxRequest request, Router.Match match, Api api) {
    try {
      if (match == null) {
        Router.Route other = router.anyMethod(request.path);
        if (other != null) {
          throw new SandboxError(
              405, "METHOD_NOT_ALLOWED", request.method + " is not allowed on " + request.path);
        }
        throw SandboxError.notFound("no such endpoint: " + request.method + " " + request.path);
      }
      request.bind(match.params, tokens.authorize(match.route.scope, request));
      return match.route.handler.handle(request);
    } catch (SandboxError e) {
      return api.error(e, request.path);
    } catch (RuntimeException e) {
      LOG.error("sandbox failed on {} {}", request.method, request.path, e);
      return api.error(
          new SandboxError(500, "INTERNAL_ERROR", "the sandbox failed: " + e.getClass().getName()),
          request.path);
    }
  }

  /** Empties MockWebServer's queue of recorded requests; nobody calls {@code takeRequest()}. */
  private void drainRecordedRequests() throws InterruptedException {
    MockWebServer s = server;
    if (s == null) {
      return;
    }
    while (s.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
      // discard
    }
  }
}
