package io.eventsync.testkit;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.internal.DaemonThreads;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.WebhookSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers signed TikiNOW webhooks by real HTTP POST on a sandbox-owned daemon thread, retrying a
 * 5xx or a missing answer per the {@link DeliveryRetryPolicy}, and records every attempt (the last
 * {@value #MAX_RECORDED} are kept). First attempts go out in the order the changes were made.
 */
final class WebhookDeliverer implements AutoCloseable {
  static final int MAX_RECORDED = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final ScheduledExecutorService executor;
  private final OkHttpClient http;
  private final DeliveryRetryPolicy policy;
  private final StatsRecorder stats;
  private final Clock clock;
  private final Deque<DeliveryAttempt> attempts = new ArrayDeque<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger inFlight = new AtomicInteger();

  WebhookDeliverer(DeliveryRetryPolicy policy, Duration timeout, StatsRecorder stats, Clock clock) {
    this.policy = policy;
    this.stats = stats;
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> DaemonThreads.newThread(r, "eventsync-sandbox-webhooks"));
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout.multipliedBy(2))
            .retryOnConnectionFailure(false)
            .build();
  }

  /** Schedules the delivery of {@code body} to {@code url}, signed with {@code secret}. */
  long deliver(String hook, String url, WebhookSecret secret, byte[] body) {
    long id = nextId.getAndIncrement();
    Map<String, String> headers = WebhookSigner.of(SignatureScheme.TIKINOW, secret).sign(body);
    inFlight.incrementAndGet();
    schedule(() -> attempt(id, hook, url, headers, body, 1), Duration.ZERO);
    return id;
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      inFlight.decrementAndGet();
    }
  }

  private void attempt(
      long id, String hook, String url, Map<String, String> headers, byte[] body, int attempt) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    Integer status = null;
    String error = null;
    try (Response response = http.newCall(request.build()).execute()) {
      status = response.code();
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    record(
        new DeliveryAttempt(
            id,
            hook,
            url,
            attempt,
            status,
            error,
            new String(body, StandardCharsets.UTF_8),
            headers.get("x-signature"),
            clock.instant()));
    boolean succeeded = status != null && status >= 200 && status < 300;
    boolean retryable = status == null || status >= 500;
    if (succeeded) {
      stats.deliveriesSucceeded.increment();
      inFlight.decrementAndGet();
    } else if (retryable && attempt < policy.maxAttempts()) {
      LOG.debug("webhook {} attempt {} to {} failed ({}); retrying", id, attempt, url, status);
      schedule(
          () -> attempt(id, hook, url, headers, body, attempt + 1), policy.backoffAfter(attempt));
    } else {
      LOG.debug("webhook {} to {} given up after attempt {} ({})", id, url, attempt, status);
      stats.deliveriesFailed.increment();
      inFlight.decrementAndGet();
    }
  }

  private synchronized void record(DeliveryAttempt attempt) {
    stats.deliveryAttempts.increment();
    if (attempts.size() >= MAX_RECORDED) {
      attempts.pollFirst();
    }
    attempts.addLast(attempt);
  }

  /** The recorded attempts, oldest first. */
  synchronized List<DeliveryAttempt> attempts() {
    return List.copyOf(new ArrayList<>(attempts));
  }

  /** Forgets the recorded attempts (deliveries under way go on). */
  synchronized void reset() {
    attempts.clear();
  }

  /** Waits until no delivery is pending or under retry; returns whether that happened in time. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
