package io.eventsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureScheme;
import io.eventsync.webhooks.SignatureVerificationException;
import io.eventsync.webhooks.SignatureVerificationException.Reason;
import io.eventsync.webhooks.SigningKey;
import io.eventsync.webhooks.WebhookHeaders;
import io.eventsync.webhooks.WebhookSigner;
import io.eventsync.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100,000 seeded random webhooks against verifiers of every scheme: whatever the header map and the
 * body hold, {@code verify} returns or throws {@link SignatureVerificationException}, and it
 * returns only when a genuine signature was among the headers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifierFuzzIT {
  private static final long SEED = 10_2026L;
  private static final int CASES = 100_000;
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final WebhookSecret SECRET = WebhookSecret.of("Zx9!abcdefghijklmnopqrstuvwxyz01");
  private static final WebhookSecret OLD_SECRET =
      WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final SigningKey SW_KEY =
      SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final int MAX_BODY = 4096;

  private static final String[] NAMES = {
    "x-signature",
    "X-Hii-Signature",
    "X-Hub-Signature-256",
    SignatureScheme.WEBHOOK_ID,
    SignatureScheme.WEBHOOK_TIMESTAMP,
    SignatureScheme.WEBHOOK_SIGNATURE,
    "content-type",
    "",
    " x-signature",
    "x-signature\u0000",
  };

  /** Pieces that look like parts of real signature headers, and characters parsers trip over. */
  private static final String[] FRAGMENTS = {
    "sha1=",
    "SHA1=",
    "sha256=",
    "HS256=",
    "hs256=",
    "v1,",
    "v1a,",
    "v2,",
    ",",
    " ",
    "  ",
    "=",
    "==",
    "\t",
    "\r\n",
    "\u0000",
    "\u0001",
    "\u001f",
    "\u007f",
    "\u00a0",
    "\u2003",
    "\ufeff",
    "\ud800",
    "\udc00",
    "é",
    "📦",
    "0",
    "f",
    "F",
    "g",
    "-",
    "+",
    "/",
    "msg_",
    "%00",
    "9999999999999999999",
    "-1",
    "0x10",
    "1e9",
    "1764000000",
  };

  private final Random random = new Random(SEED);

  /** One scheme under test: its verifier and a signer of genuine deliveries. */
  private record Subject(String name, WebhookVerifier verifier, Signer signer) {}

  /** Signs a body as the genuine sender would, possibly at a random time. */
  private interface Signer {
    Map<String, String> sign(byte[] body, int n);
  }

  @Test
  void oneHundredThousandRandomInputsOnlyEverFailWithSignatureVerificationException() {
    SignatureScheme hub = SignatureScheme.hubSha256("X-Hub-Signature-256");
    SignatureScheme standard = SignatureScheme.standardWebhooks(Duration.ofMinutes(5));
    SignatureScheme lopsided =
        SignatureScheme.standardWebhooks().withTolerance(Duration.ofHours(1), Duration.ZERO);
    WebhookSigner standardSigner = WebhookSigner.builder(standard).key(SW_KEY).clock(CLOCK).build();
    List<Subject> subjects =
        List.of(
            subject(
                "tikinow",
                WebhookVerifier.builder(SignatureScheme.TIKINOW)
                    .secret("2026-06", SECRET)
                    .secret("2025-01", OLD_SECRET)
                    .maxBodyBytes(MAX_BODY)
                    .build(),
                WebhookSigner.of(
                        SignatureScheme.TIKINOW, random.nextBoolean() ? SECRET : OLD_SECRET)
                    ::sign),
            subject(
                "hii",
                WebhookVerifier.builder(SignatureScheme.HII_RETAIL)
                    .secret(SECRET)
                    .maxBodyBytes(MAX_BODY)
                    .build(),
                WebhookSigner.of(SignatureScheme.HII_RETAIL, SECRET)::sign),
            subject(
                "hub",
                WebhookVerifier.builder(hub).secret(SECRET).maxBodyBytes(MAX_BODY).build(),
                WebhookSigner.of(hub, SECRET)::sign),
            new Subject(
                "standard",
                WebhookVerifier.builder(standard)
                    .key(SW_KEY)
                    .clock(CLOCK)
                    .maxBodyBytes(MAX_BODY)
                    .build(),
                (body, n) ->
                    standardSigner.sign(
                        "msg_" + n, NOW.plusSeconds(random.nextInt(1200) - 600), body)),
            new Subject(
                "standard-lopsided",
                WebhookVerifier.builder(lopsided)
                    .key(SW_KEY)
                    .clock(CLOCK)
                    .maxBodyBytes(MAX_BODY)
                    .build(),
                (body, n) ->
                    standardSigner.sign(
                        "msg_" + n, NOW.plusSeconds(random.nextInt(7200) - 3600), body)));
    Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    Map<String, String> escapes = new LinkedHashMap<>();
    int verified = 0;
    long started = System.nanoTime();

    for (int n = 0; n < CASES; n++) {
      Subject subject = subjects.get(random.nextInt(subjects.size()));
      byte[] body = randomBody();
      Map<String, List<String>> headers = randomHeaders();
      boolean genuine = random.nextInt(4) == 0;
      if (genuine) {
        subject.signer().sign(body, n).forEach((name, value) -> add(headers, recase(name), value));
      }
      try {
        verify(subject.verifier(), headers, body);
        verified++;
        assertThat(genuine)
            .as("case %d (%s) verified without a genuine signature: %s", n, subject.name(), headers)
            .isTrue();
      } catch (SignatureVerificationException e) {
        assertThat(e.reason()).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET.reveal(), OLD_SECRET.reveal());
        reasons.merge(e.reason(), 1, Integer::sum);
      } catch (RuntimeException | Error e) {
        // keep going: report every distinct escape (exception type and where it was thrown)
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        escapes.putIfAbsent(
            e.getClass().getName() + " at " + at,
            "case " + n + " (" + subject.name() + "): " + e + " for headers " + describe(headers));
      }
    }

    System.out.printf(
        "verifier fuzz: %d cases, %d verified, failures by reason %s, %.1f s%n",
        CASES, verified, reasons, (System.nanoTime() - started) / 1e9);
    assertThat(escapes)
        .as("exceptions other than SignatureVerificationException (seed %d)", SEED)
        .isEmpty();
    assertThat(verified).isPositive();
    assertThat(reasons.keySet()).containsAll(Set.of(Reason.values()));
  }

  private Subject subject(String name, WebhookVerifier verifier, SimpleSigner signer) {
    return new Subject(name, verifier, (body, n) -> signer.sign(body));
  }

  /** A signer without id and timestamp. */
  private interface SimpleSigner {
    Map<String, String> sign(byte[] body);
  }

  /** Calls one of the three {@code verify} overloads. */
  private void verify(WebhookVerifier verifier, Map<String, List<String>> headers, byte[] body) {
    switch (random.nextInt(4)) {
      case 0:
        verifier.verify(flatten(headers), body);
        break;
      case 1:
        verifier.verify(WebhookHeaders.of(flatten(headers)), body);
        break;
      case 2:
        verifier.verify(WebhookHeaders.ofMulti(headers), body);
        break;
      default:
        Instant receivedAt =
            random.nextInt(20) == 0
                ? (random.nextBoolean() ? Instant.MIN : Instant.MAX)
                : NOW.plusSeconds(random.nextInt(7200) - 3600);
        verifier.verify(WebhookHeaders.ofMulti(headers), body, receivedAt);
    }
  }

  private byte[] randomBody() {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return new byte[MAX_BODY + 1 + random.nextInt(3000)];
    }
    if (kind == 1) {
      return new byte[0];
    }
    if (kind == 2) {
      return randomText(random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
    }
    return bytes(random.nextInt(kind < 5 ? MAX_BODY : 96));
  }

  private Map<String, List<String>> randomHeaders() {
    int shape = random.nextInt(10);
    Map<String, List<String>> headers;
    if (shape == 0) {
      headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    } else if (shape == 1) {
      return new HostileMap(); // every read of it throws
    } else {
      headers = new HashMap<>(); // null keys and values allowed
    }
    int count = random.nextInt(7);
    for (int i = 0; i < count; i++) {
      String name = random.nextInt(12) == 0 ? randomText(10) : recase(pick(NAMES));
      int kind = random.nextInt(12);
      if (kind == 0 && headers instanceof HashMap) {
        headers.put(random.nextBoolean() ? null : name, null);
      } else if (kind == 1) {
        List<String> values = new ArrayList<>();
        values.add(null);
        values.add(randomValue());
        headers.put(name, values);
      } else if (kind == 2) {
        List<String> values = new ArrayList<>();
        String value = randomValue();
        for (int v = random.nextInt(60); v >= 0; v--) {
          values.add(value);
        }
        headers.put(name, values);
      } else if (kind == 3) {
        headers.put(name, new ArrayList<>());
      } else {
        add(headers, name, randomValue());
      }
    }
    return headers;
  }

  private String randomValue() {
    switch (random.nextInt(12)) {
      case 0:
        return "";
      case 1:
        return " ".repeat(1 + random.nextInt(3));
      case 2: // control characters only: neither blank to isBlank() nor empty to trim()
        return pick(new String[] {"\u0000", "\u0001\u0002", "\u001b", "\u0008 \u0000", "\u007f"});
      case 3:
        return "x".repeat(8_000 + random.nextInt(400));
      case 4:
        return "v".repeat(100_000 + random.nextInt(1000));
      case 5:
        return pick(FRAGMENTS) + hex(random.nextInt(4) == 0 ? 20 : 32);
      case 6:
        return "v1," + Base64.getEncoder().encodeToString(bytes(random.nextInt(40)));
      case 7:
        return Long.toString(NOW.getEpochSecond() + random.nextInt(7200) - 3600);
      case 8:
        return random.nextBoolean() ? "999999999999999" : "0000000000000000000001";
      case 9:
        return randomTokens();
      default:
        return randomText(random.nextInt(80));
    }
  }

  /** Several space-separated signature-like tokens, some valid-looking. */
  private String randomTokens() {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(6); i >= 0; i--) {
      if (s.length() > 0) {
        s.append(random.nextBoolean() ? " " : "  ");
      }
      s.append(pick(FRAGMENTS)).append(Base64.getEncoder().encodeToString(bytes(32)));
    }
    return s.toString();
  }

  private String randomText(int length) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      if (random.nextInt(3) == 0) {
        s.append(pick(FRAGMENTS));
      } else {
        s.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
      }
    }
    return s.toString();
  }

  private String hex(int length) {
    String hex = HexFormat.of().formatHex(bytes(length));
    return random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT);
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private String recase(String name) {
    switch (random.nextInt(3)) {
      case 0:
        return name.toUpperCase(Locale.ROOT);
      case 1:
        return name.toLowerCase(Locale.ROOT);
      default:
        return name;
    }
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static void add(Map<String, List<String>> headers, String name, String value) {
    if (headers instanceof HostileMap) {
      return;
    }
    List<String> values = headers.get(name);
    if (values == null) {
      values = new ArrayList<>();
      headers.put(name, values);
    }
    values.add(value);
  }

  private static Map<String, String> flatten(Map<String, List<String>> headers) {
    if (headers instanceof HostileMap) {
      @SuppressWarnings("unchecked")
      Map<String, String> hostile = (Map<String, String>) (Map<?, ?>) headers;
      return hostile;
    }
    Map<String, String> flat = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            flat.put(
                name, values == null || values.isEmpty() ? null : values.get(values.size() - 1)));
    return flat;
  }

  /** Shows the headers with long values shortened and characters escaped. */
  private static String describe(Map<String, List<String>> headers) {
    if (headers instanceof HostileMap) {
      return "(a map that throws when read)";
    }
    StringBuilder s = new StringBuilder("{");
    headers.forEach(
        (name, values) -> {
          s.append(escape(name)).append('=');
          if (values == null) {
            s.append("null");
          } else {
            List<String> shown = new ArrayList<>();
            for (String value : values) {
              shown.add(escape(value));
            }
            s.append(shown);
          }
          s.append("; ");
        });
    return s.append('}').toString();
  }

  private static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < Math.min(text.length(), 60); i++) {
      char c = text.charAt(i);
      s.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return s.append(text.length() > 60 ? "…(" + text.length() + " chars)\"" : "\"").toString();
  }

  /** A header map whose every read throws, as a broken framework adapter might. */
  private static final class HostileMap extends AbstractMap<String, List<String>> {
    @Override
    public Set<Entry<String, List<String>>> entrySet() {
      throw new ConcurrentModificationException("headers changed while being read");
    }

    @Override
    public List<String> get(Object key) {
      throw new ConcurrentModificationException("headers changed while being read");
    }

    @Override
    public Collection<List<String>> values() {
      throw new ConcurrentModificationException("headers changed while being read");
    }
  }
}
