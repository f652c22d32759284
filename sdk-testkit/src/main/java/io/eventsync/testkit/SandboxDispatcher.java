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
 * handler. Every request is answered: a handler's exception becomes a 500 in the API's error shape,
 * an {@link Error} such as {@link OutOfMemoryError} a 503 (if an answer can still be made), and
 * nothing escapes as a stack trace.
 *
 * <p>MockWebServer never dispatches a request it failed to read (it closes the connection);
 * requests it cannot parse at all are answered by {@link RequestGuard} before they get here.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);

  private final Router router;
  private final TokenStore tokens;
  private final SandboxFaults faults;
  private final StatsRecorder stats;
  private final long maxRequestBodyBytes;
  private volatile MockWebServer server;

  SandboxDispatcher(
      Router router,
      TokenStore tokens,
      SandboxFaults faults,
      StatsRecorder stats,
      long maxRequestBodyBytes) {
    this.router = router;
    this.tokens = tokens;
    this.faults = faults;
    this.stats = stats;
    this.maxRequestBodyBytes = maxRequestBodyBytes;
  }

  void attach(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
    drainRecordedRequests();
    try {
      if (recorded.getBodySize() > maxRequestBodyBytes) {
        // MockWebServer kept only the first bytes (its body limit); RequestGuard refuses these.
        return Responses.json(
            413,
            Map.of(
                "error",
                "BODY_TOO_LARGE",
                "message",
                "the request body exceeds the sandbox's limit of "
                    + maxRequestBodyBytes
                    + " bytes"));
      }
      return route(SandboxRequest.of(recorded));
    } catch (RuntimeException | Error e) {
      return failed(recorded.getRequestLine(), e);
    }
  }

  /** The answer to a request whose handling threw: 500, or 503 for an {@link Error}. */
  private static MockResponse failed(String requestLine, Throwable e) {
    try {
      LOG.warn("sandbox failed on {}: {}", requestLine, e.toString());
      LOG.debug("sandbox failure on {}", requestLine, e);
      if (e instanceof Error) {
        String message =
            e instanceof OutOfMemoryError
                ? "the sandbox ran out of memory on this request; send less, or give its JVM more"
                    + " heap (-Xmx)"
                : "the sandbox could not serve this request: " + e.getClass().getName();
        return Responses.json(503, Map.of("error", "SERVICE_UNAVAILABLE", "message", message));
      }
      return Responses.json(
          500,
          Map.of(
              "error",
              "INTERNAL_ERROR",
              "message",
              "the sandbox failed: " + e.getClass().getName()));
    } catch (Error again) {
      // Not even an answer could be made: let MockWebServer drop the connection.
      e.addSuppressed(again);
      if (e instanceof Error) {
        throw (Error) e;
      }
      throw again;
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
      LOG.warn("sandbox failed on {} {}: {}", request.method, request.path, e.toString());
      LOG.debug("sandbox failure on {} {}", request.method, request.path, e);
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
