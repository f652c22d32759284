package io.eventsync.benchmarks;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.Verification;
import io.eventsync.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TikiNOW webhook verification ({@code x-signature: sha1=<hex HMAC-SHA1(body)>}) of a 1 KiB and a
 * 64 KiB body: the SDK's {@link WebhookVerifier} against (a) the best hand-written code, a {@link
 * Mac} created once per thread and reused, and (b) the per-call {@code Mac.getInstance} code found
 * in tutorials. Every variant reads the signature from the same header map and checks the same
 * body.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VerifierBenchmark {
  static final String SECRET = "0123456789abcdefghijABCDEFGHIJ+-";
  static final String HEADER = "x-signature";
  static final String PREFIX = "sha1=";

  /** One signed delivery, shared by every thread. */
  @State(Scope.Benchmark)
  public static class Delivery {
    /** Body size in bytes. */
    @Param({"1024", "65536"})
    public int bodyBytes;

    byte[] body;
    Map<String, String> headers;
    WebhookVerifier verifier;

    @Setup
    public void setUp() throws GeneralSecurityException {
      body = jsonLikeBody(bodyBytes);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      headers =
          Map.of(
              HEADER,
              PREFIX + HexFormat.of().formatHex(mac.doFinal(body)),
              "content-type",
              "application/json",
              "user-agent",
              "TikiNOW-Webhook/1.0");
      verifier =
          WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(WebhookSecret.of(SECRET)).build();
    }
  }

  /** Baseline (a)'s per-thread state: a {@link Mac} initialised once and reused. */
  @State(Scope.Thread)
  public static class ReusedMac {
    Mac mac;

    @Setup
    public void setUp() throws GeneralSecurityException {
      mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    }
  }

  /** The SDK: returns the id of the secret that matched. */
  @Benchmark
  public String eventsyncVerifier(Delivery d) {
    Verification verification = d.verifier.verify(d.headers, d.body);
    return verification.keyId();
  }

  /**
   * Baseline (a): a reused {@link Mac}, hex decoding of the header and a constant-time {@link
   * MessageDigest#isEqual} comparison. The fastest correct code a careful user would write.
   */
  @Benchmark
  public boolean rawReusedMac(Delivery d, ReusedMac state) {
    String header = d.headers.get(HEADER);
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] signature;
    try {
      signature = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = state.mac.doFinal(d.body);
    return MessageDigest.isEqual(expected, signature);
  }

  /**
   * Baseline (b): the tutorial code, {@code Mac.getInstance} and {@code init} on every call, the
   * MAC written as a hex string and compared with {@code equals} (not in constant time).
   */
  @Benchmark
  public boolean naivePerCallMac(Delivery d) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    byte[] raw = mac.doFinal(d.body);
    StringBuilder hex = new StringBuilder();
    for (byte b : raw) {
      String digits = Integer.toHexString(0xff & b);
      if (digits.length() == 1) {
        hex.append('0');
      }
      hex.append(digits);
    }
    return (PREFIX + hex).equals(d.headers.get(HEADER));
  }

  /** A body of printable JSON-like ASCII, seeded so every run signs the same bytes. */
  static byte[] jsonLikeBody(int size) {
    byte[] body = new byte[size];
    byte[] alphabet =
        "abcdefghijklmnopqrstuvwxyz0123456789 \":,{}[]".getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(42);
    for (int i = 0; i < size; i++) {
      body[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return body;
  }
}
