package io.eventsync.internal;

import io.eventsync.ApiConnectionException;
import io.eventsync.ApiException;
import io.eventsync.DecodingException;
import io.eventsync.EventSyncException;
import io.eventsync.ResponseTooLargeException;
import io.eventsync.RetryPolicy;
import io.eventsync.Sleeper;
import io.eventsync.auth.Credentials;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.IntFunction;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes {@link ApiRequest}s: authorization, retries with backoff and {@code Retry-After}, error
 * mapping and logging. One instance per client (and per credentials view); thread-safe.
 *
 * <p>Retry rules: failures before the request was sent (connect errors, token endpoint failures)
 * are always retried; I/O errors after sending, malformed response bodies and HTTP 408, 500, 502,
 * 504 only for idempotent requests; HTTP 429 and 503 always, waiting what {@code Retry-After} says
 * (capped by the policy). A 401 drops a cached token and tries once more at once.
 */
public final class HttpCore {
  private static final Logger log = LoggerFactory.getLogger("io.eventsync.http");

  private final OkHttpClient http;
  private final Authorizer credentials;
  private final RetryPolicy retryPolicy;
  private final Retry retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String userAgent;
  private final CallTracker calls;
  private final OkRequests requests;

  private HttpCore(
      OkHttpClient tracked,
      CallTracker calls,
      Authorizer credentials,
      RetryPolicy retryPolicy,
      Clock clock,
      Sleeper sleeper,
      String userAgent) {
    this.http = tracked;
    this.calls = calls;
    this.credentials = credentials;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.userAgent = userAgent;
    this.requests = new OkRequests(userAgent);
    this.retry = Retry.of("eventsync", retryConfig(retryPolicy));
  }

  /**
   * Returns a core around {@code http} whose responses may be as large as {@link
   * io.eventsync.EventSyncClient#DEFAULT_MAX_RESPONSE_SIZE}.
   *
   * @param credentials the credentials, or null to send no {@code Authorization}
   */
  public static HttpCore create(
      OkHttpClient http,
      Credentials credentials,
      RetryPolicy retryPolicy,
      Clock clock,
      Sleeper sleeper,
      String userAgent) {
    return create(
        http,
        credentials,
        retryPolicy,
        clock,
        sleeper,
        userAgent,
        io.eventsync.EventSyncClient.DEFAULT_MAX_RESPONSE_SIZE);
  }

  /**
   * Returns a core around {@code http}, derived (sharing its pools and keeping its settings) to
   * track whether a request reached the network and which calls are in flight, to follow redirects
   * only within one origin ({@link RedirectGuard}) and to bound response bodies to {@code
   * maxResponseBytes}.
   *
   * @param credentials the credentials, or null to send no {@code Authorization}
   */
  public static HttpCore create(
      OkHttpClient http,
      Credentials credentials,
      RetryPolicy retryPolicy,
      Clock clock,
      Sleeper sleeper,
      String userAgent,
      long maxResponseBytes) {
    CallTracker calls = new CallTracker(maxResponseBytes, http.callTimeoutMillis());
    return new HttpCore(
        http.newBuilder()
            // OkHttp would silently send a request again after a connection failure, POSTs too;
            // this class decides what may be repeated.
            .retryOnConnectionFailure(false)
            // OkHttp would follow a redirect to any host, re-sending a 307/308 body there.
            .followRedirects(false)
            .followSslRedirects(false)
            // A poller's close() must end a connect or TLS handshake in progress at once: the
            // sockets are handed to the thread's CallCanceller, which closes them on cancel; that
            // needs OkHttp to connect on the calling thread (no fast fallback).
            .socketFactory(new CancellableSockets(http.socketFactory()))
            .fastFallback(false)
            .addInterceptor(calls)
            .addInterceptor(new RedirectGuard())
            .addNetworkInterceptor(HttpCore::markSent)
            .build(),
        calls,
        CredentialsAccess.authorizer(credentials),
        retryPolicy,
        clock,
        sleeper,
        userAgent);
  }

  /**
   * Returns a core that shares everything with this one but authenticates with {@code credentials}.
   */
  public HttpCore withCredentials(Credentials credentials) {
    return new HttpCore(
        http,
        calls,
        CredentialsAccess.authorizer(credentials),
        retryPolicy,
        clock,
        sleeper,
        userAgent);
  }

  /** Returns a core that shares everything with this one but retries per {@code retryPolicy}. */
  public HttpCore withRetryPolicy(RetryPolicy retryPolicy) {
    return new HttpCore(http, calls, credentials, retryPolicy, clock, sleeper, userAgent);
  }

  /**
   * Cancels the calls in flight of this core and of every core derived from it, and makes later
   * calls fail at once; calls of other cores on the same {@link OkHttpClient} are left alone.
   * Returns how many calls were cancelled.
   */
  public int cancelAndClose() {
    return calls.close();
  }

  /** Returns the largest response body read, in bytes. */
  public long maxResponseBytes() {
    return calls.maxResponseBytes();
  }

  /** Returns the HTTP client requests are made with. */
  public OkHttpClient http() {
    return http;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns the sleeper used between attempts. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** Returns the retry policy. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Executes {@code request}, retrying per the policy, and reads a 2xx answer with {@code reader}.
   *
   * @throws ApiException for an HTTP error answer (after retries where allowed)
   * @throws ApiConnectionException for a network failure (after retries where allowed)
   * @throws DecodingException if a 2xx body cannot be decoded
   */
  public <T> T execute(ApiRequest request, ResponseReader<T> reader) {
    // The retry's bookkeeping starts at the first failure: a call that succeeds at once (nearly
    // every call) costs none of it.
    Retry.AsyncContext<Object> context = null;
    boolean[] refreshedAfter401 = {false};
    for (int attempt = 1; ; attempt++) {
      try {
        T result = attempt(request, reader, attempt, refreshedAfter401);
        if (context != null) {
          context.onComplete();
        }
        return result;
      } catch (AttemptFailure failure) {
        if (context == null) {
          context = retry.asyncContext();
        }
        long waitMillis = calls.isClosed() ? -1 : context.onError(failure);
        if (waitMillis < 0) {
          throw failure.exception(attempt);
        }
        Duration wait = Duration.ofMillis(waitMillis);
        log.debug(
            "{} failed on attempt {} ({}); retrying in {} ms",
            request.describe(),
            attempt,
            failure.summary,
            waitMillis);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EventSyncException(
              request.describe() + " was interrupted while waiting to retry", e, attempt);
        }
      }
    }
  }

  private <T> T attempt(
      ApiRequest request, ResponseReader<T> reader, int attempt, boolean[] refreshedAfter401) {
    while (true) {
      if (calls.isClosed()) {
        String what = request.describe() + " was not sent: the client was closed";
        throw new AttemptFailure(
            false, null, "closed", n -> new ApiConnectionException(what, null, n));
      }
      String authorization;
      try {
        authorization = credentials == null ? null : credentials.authorization(http, clock);
      } catch (EventSyncException e) {
        // Nothing was sent yet: safe to retry for any request, unless the credentials were refused
        // or the answer cannot get better.
        boolean retryable =
            e instanceof ApiException
                ? isTransient(((ApiException) e).statusCode())
                : !(e instanceof ResponseTooLargeException);
        throw new AttemptFailure(
            retryable, null, "token: " + e.getMessage(), n -> ApiErrors.withAttempts(e, n));
      }
      CallTag tag = new CallTag();
      Request okRequest = requests.build(request, authorization, tag);
      long start = System.nanoTime();
      Response response;
      Call call = http.newCall(okRequest);
      CallCanceller.track(call); // a poller's close() may cancel it
      CallDeadlines deadlines = calls.deadlines();
      if (deadlines != null) {
        deadlines.start(call, tag);
      }
      try {
        try {
          response = call.execute();
        } catch (IOException thrown) {
          IOException e = tag.timedOut ? CallDeadlines.timedOut(thrown) : thrown;
          boolean sent = tag.sent && !isConnectFailure(e);
          boolean retryable =
              (!sent || request.idempotent()) && !calls.isClosed() && !call.isCanceled();
          String what =
              request.describe()
                  + (calls.isClosed() ? " was cancelled: the client was closed" : " failed: " + e);
          throw new AttemptFailure(
              retryable,
              null,
              e.toString(),
              n ->
                  new ApiConnectionException(
                      what
                          + (sent
                              ? "; the request may have reached the server"
                              : "; the request was not sent"),
                      e,
                      n));
        }
        try (response) {
          long millis = (System.nanoTime() - start) / 1_000_000;
          int status = response.code();
          if (log.isDebugEnabled()) {
            log.debug("{} -> {} ({} ms, attempt {})", request.describe(), status, millis, attempt);
          }
          if (response.isSuccessful()) {
            return read(request, reader, response, tag);
          }
          if (response.isRedirect()) { // one RedirectGuard did not follow
            throw new AttemptFailure(
                false,
                null,
                "HTTP " + status + " redirect",
                n -> ApiErrors.redirect(response, okRequest.url(), request.describe(), false, n));
          }
          if (status == 401 && credentials != null && !refreshedAfter401[0]) {
            refreshedAfter401[0] = true;
            if (credentials.invalidate(authorization)) {
              log.debug(
                  "{} -> 401; fetching a fresh token and trying once more", request.describe());
              continue;
            }
          }
          String body = ApiErrors.readErrorBody(response);
          Duration retryAfter = status == 429 || status == 503 ? retryAfter(response) : null;
          boolean retryable =
              (status == 429 || status == 503 || (request.idempotent() && isTransient(status)))
                  && (retryAfter == null || retryAfter.compareTo(retryPolicy.maxRetryAfter()) <= 0);
          throw new AttemptFailure(
              retryable,
              retryAfter,
              "HTTP " + status,
              n -> ApiErrors.toException(response, body, request.describe(), n, retryAfter));
        }
      } finally {
        if (deadlines != null) {
          deadlines.end(call); // the response is closed: the call is over
        }
      }
    }
  }

  private <T> T read(ApiRequest request, ResponseReader<T> reader, Response response, CallTag tag) {
    if (log.isTraceEnabled()) {
      try {
        log.trace(
            "{} response body: {}",
            request.describe(),
            Redactor.redactBody(response.peekBody(ApiErrors.MAX_ERROR_BODY).string()));
      } catch (IOException e) {
        log.trace("{} response body could not be peeked: {}", request.describe(), e.toString());
      }
    }
    try {
      return reader.read(response);
    } catch (IOException thrown) {
      IOException e = tag.timedOut ? CallDeadlines.timedOut(thrown) : thrown;
      if (ApiErrors.isTooLarge(e)) {
        throw new AttemptFailure(
            false, null, e.getMessage(), n -> ApiErrors.tooLarge(e, request.describe(), n));
      }
      String what =
          request.describe()
              + (calls.isClosed()
                  ? " was cancelled while reading the response: the client was closed"
                  : " failed while reading the response: " + e);
      throw new AttemptFailure(
          request.idempotent() && !calls.isClosed(),
          null,
          e.toString(),
          n -> new ApiConnectionException(what, e, n));
    } catch (DecodingException e) {
      throw new AttemptFailure(
          e.malformed() && request.idempotent(),
          null,
          e.getMessage(),
          n ->
              new DecodingException(
                  request.describe() + ": " + e.getMessage(),
                  e.path(),
                  e.malformed(),
                  e.getCause(),
                  n));
    }
  }

  private Duration retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.trim();
    try {
      long seconds = Long.parseLong(value);
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), date.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        log.debug("ignoring an unreadable Retry-After header: {}", value);
        return null;
      }
    }
  }

  private static boolean isTransient(int status) {
    return status == 408
        || status == 500
        || status == 502
        || status == 504
        || status == 503
        || status == 429;
  }

  private static boolean isConnectFailure(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || (e instanceof InterruptedIOException
            && e.getMessage() != null
            && e.getMessage().toLowerCase(java.util.Locale.ROOT).startsWith("connect timed out"));
  }

  private static RetryConfig retryConfig(RetryPolicy policy) {
    return RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .retryOnException(t -> t instanceof AttemptFailure && ((AttemptFailure) t).retryable)
        .intervalBiFunction(
            (Integer attempt, Either<Throwable, Object> outcome) -> {
              if (outcome.isLeft() && outcome.getLeft() instanceof AttemptFailure) {
                Duration retryAfter = ((AttemptFailure) outcome.getLeft()).retryAfter;
                if (retryAfter != null) {
                  return retryAfter.toMillis();
                }
              }
              return policy.backoff(attempt).toMillis();
            })
        .failAfterMaxAttempts(false)
        .writableStackTraceEnabled(false)
        .build();
  }

  private static Response markSent(Interceptor.Chain chain) throws IOException {
    Request request = chain.request();
    CallTag tag = request.tag(CallTag.class);
    if (tag != null) {
      tag.sent = true; // a connection exists: from here on, the server may see the request
    }
    return chain.proceed(request);
  }

  /** One failed attempt: whether to retry, and the exception to throw if not. */
  private static final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient boolean retryable;
    final transient Duration retryAfter;
    final transient String summary;
    private final transient IntFunction<EventSyncException> exception;

    AttemptFailure(
        boolean retryable,
        Duration retryAfter,
        String summary,
        IntFunction<EventSyncException> exception) {
      super(summary, null, false, false);
      this.retryable = retryable;
      this.retryAfter = retryAfter;
      this.summary = summary;
      this.exception = exception;
    }

    EventSyncException exception(int attempts) {
      return exception.apply(attempts);
    }
  }
}
