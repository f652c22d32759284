package io.eventsync.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * The sandbox's fault injector: scripted faults for the next requests to a path, and random chaos
 * at a probability with a seed.
 *
 * <p>A fault is decided before the request touches any state, so a faulted call changes nothing: a
 * faulted pull acknowledges and delivers nothing, a faulted PUT stores nothing. Only a pure
 * {@linkplain Rule#delay(Duration) delay} lets the request through (late). Scripted faults apply to
 * every path but the admin surface ({@code /_sandbox/}); chaos never hits the admin surface or the
 * token endpoints. Every injected fault is counted in {@link SandboxStats#faultsByKind()}.
 *
 * <pre>{@code
 * sandbox.faults().next(3).onPath("/integration/v1/queues").status(503).install();
 * sandbox.faults().next(1).onPath("/saleschannel-services").truncate().install();
 * sandbox.faults().chaos(0.2, 42);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SandboxFaults {
  /** A fault that replaces the answer instead of (or besides) a status. */
  public enum Kind {
    /** The connection is closed once the request is read; no answer at all. */
    DROP,
    /** A 200 whose body is cut in the middle (the connection closes mid-body). */
    TRUNCATE,
    /** A 200 with a JSON content type whose body is not valid JSON. */
    MALFORMED
  }

  private static final String TRUNCATED_BODY =
      "{\"sandbox_fault\":\"truncated\",\"padding\":\"" + "x".repeat(256) + "\"}";
  private static final String MALFORMED_BODY =
      "{\"sandbox_fault\": \"malformed\", \"data\": [{\"id\": ";

  /** The random faults chaos draws from, with equal weight. */
  private static final Fault[] CHAOS_MENU = {
    Fault.status(500, null),
    Fault.status(502, null),
    Fault.status(503, null),
    Fault.status(504, null),
    Fault.status(429, "1"),
    Fault.kind(Kind.DROP),
    Fault.kind(Kind.TRUNCATE),
    Fault.kind(Kind.MALFORMED),
  };

  private final StatsRecorder stats;
  private final List<Fault> scripted = new ArrayList<>();
  private double chaosProbability;
  private Random chaosRandom;

  SandboxFaults(StatsRecorder stats) {
    this.stats = stats;
  }

  /** Starts a scripted fault for the next {@code times} matching requests. */
  public Rule next(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    return new Rule(this, times);
  }

  /**
   * Turns on random faults: each request to an emulated API (not admin, not token endpoints) is
   * faulted with {@code probability}, the kind drawn from 5xx, 429 with {@code Retry-After: 1},
   * drop, truncate and malformed. The same seed and the same order of requests give the same
   * faults. A probability of 0 turns chaos off.
   *
   * @throws IllegalArgumentException if {@code probability} is not within {@code [0, 1]}
   */
  public synchronized void chaos(double probability, long seed) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
    }
    chaosProbability = probability;
    chaosRandom = probability == 0 ? null : new Random(seed);
  }

  /** Removes every scripted fault and turns chaos off. */
  public synchronized void clear() {
    scripted.clear();
    chaosProbability = 0;
    chaosRandom = null;
  }

  private synchronized void install(Fault fault) {
    scripted.add(fault);
  }

  /**
   * Decides the fault for one request, or returns null. Consumes one scripted use or one chaos
   * draw, and counts the fault.
   */
  synchronized Fault decide(String path, Api api) {
    if (api == Api.ADMIN) {
      return null;
    }
    Fault chosen = null;
    for (Iterator<Fault> it = scripted.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (path.startsWith(fault.pathPrefix)) {
        if (--fault.remaining <= 0) {
          it.remove();
        }
        chosen = fault;
        break;
      }
    }
    if (chosen == null && chaosRandom != null && api.chaosApplies()) {
      double draw = chaosRandom.nextDouble();
      int pick = chaosRandom.nextInt(CHAOS_MENU.length);
      if (draw < chaosProbability) {
        chosen = CHAOS_MENU[pick];
      }
    }
    if (chosen != null) {
      stats.fault(chosen.statsKind());
    }
    return chosen;
  }

  /** A scripted fault under construction; {@link #install()} adds it. */
  public static final class Rule {
    private final SandboxFaults owner;
    private final int times;
    private String pathPrefix = "/";
    private Integer status;
    private String retryAfter;
    private long delayMillis;
    private Kind kind;

    private Rule(SandboxFaults owner, int times) {
      this.owner = owner;
      this.times = times;
    }

    /** Only requests whose path starts with {@code prefix}; default {@code "/"} (every path). */
    public Rule onPath(String prefix) {
      Objects.requireNonNull(prefix, "prefix == null");
      this.pathPrefix = prefix;
      return this;
    }

    /** Answers with this HTTP status (in the API's error shape) instead of handling the request. */
    public Rule status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be within 100..599: " + status);
      }
      this.status = status;
      return this;
    }

    /** Adds {@code Retry-After: <seconds>} to the status answer; default none. */
    public Rule retryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      this.retryAfter = Long.toString(retryAfter.toSeconds());
      return this;
    }

    /** Delays the answer; alone, the request is handled normally, only late. Default none. */
    public Rule delay(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      this.delayMillis = delay.toMillis();
      return this;
    }

    /** Closes the connection without an answer. */
    public Rule drop() {
      return kind(Kind.DROP);
    }

    /** Answers 200 with a body cut in the middle. */
    public Rule truncate() {
      return kind(Kind.TRUNCATE);
    }

    /** Answers 200 with a body that is not valid JSON. */
    public Rule malformed() {
      return kind(Kind.MALFORMED);
    }

    /** Sets the kind of fault; see {@link #drop()}, {@link #truncate()}, {@link #malformed()}. */
    public Rule kind(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /**
     * Installs the fault after any installed before it.
     *
     * @throws IllegalStateException if no status, kind or delay was set
     */
    public void install() {
      if (status == null && kind == null && delayMillis <= 0) {
        throw new IllegalStateException("a fault needs a status, a kind or a delay");
      }
      Fault fault = new Fault(pathPrefix, times, status, retryAfter, delayMillis, kind);
      owner.install(fault);
    }
  }

  /** One fault: what to answer, and for how many more requests (scripted faults). */
  static final class Fault {
    final String pathPrefix;
    final Integer status;
    final String retryAfter;
    final long delayMillis;
    final Kind kind;
    int remaining;

    Fault(
        String pathPrefix,
        int remaining,
        Integer status,
        String retryAfter,
        long delayMillis,
        Kind kind) {
      this.pathPrefix = pathPrefix;
      this.remaining = remaining;
      this.status = status;
      this.retryAfter = retryAfter;
      this.delayMillis = delayMillis;
      this.kind = kind;
    }

    static Fault status(int status, String retryAfter) {
      return new Fault("/", Integer.MAX_VALUE, status, retryAfter, 0, null);
    }

    static Fault kind(Kind kind) {
      return new Fault("/", Integer.MAX_VALUE, null, null, 0, kind);
    }

    String statsKind() {
      if (kind != null) {
        return kind.name().toLowerCase(Locale.ROOT);
      }
      return status != null ? "status" : "delay";
    }

    /** Whether the request is answered by the fault alone (it never reaches a handler). */
    boolean replacesAnswer() {
      return kind != null || status != null;
    }

    /** The answer that replaces the handler's, for {@link #replacesAnswer()} faults. */
    MockResponse answer(Api api, String path) {
      MockResponse response;
      if (kind == Kind.DROP) {
        response =
            new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      } else if (kind == Kind.TRUNCATE) {
        response =
            new MockResponse.Builder(Responses.text(200, Responses.JSON, TRUNCATED_BODY))
                .onResponseBody(new SocketEffect.CloseSocket())
                .build();
      } else if (kind == Kind.MALFORMED) {
        response = Responses.text(200, Responses.JSON, MALFORMED_BODY);
      } else {
        String code = Responses.reasonPhrase(status).toUpperCase(Locale.ROOT).replace(' ', '_');
        SandboxError error =
            new SandboxError(status, code, "fault injected by the sandbox: HTTP " + status);
        MockResponse.Builder builder = new MockResponse.Builder(api.error(error, path));
        if (retryAfter != null) {
          builder.setHeader("Retry-After", retryAfter);
        }
        response = builder.build();
      }
      return delayed(response);
    }

    /** Adds this fault's delay (if any) to {@code response}. */
    MockResponse delayed(MockResponse response) {
      if (delayMillis <= 0) {
        return response;
      }
      return new MockResponse.Builder(response)
          .headersDelay(delayMillis, TimeUnit.MILLISECONDS)
          .build();
    }
  }
}
