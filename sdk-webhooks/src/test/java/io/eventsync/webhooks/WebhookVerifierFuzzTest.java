package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.eventsync.auth.WebhookSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random headers and bodies: only {@link SignatureVerificationException} may escape, and a webhook
 * verifies only if a genuine signature was among the headers.
 */
@Timeout(60)
class WebhookVerifierFuzzTest {
  private static final long SEED = 20260301L;
  private static final int CASES = 20_000;
  private static final Instant NOW = Instant.ofEpochSecond(1_772_359_200L);
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final SigningKey SW_KEY =
      SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  private static final String[] NAMES = {
    "x-signature",
    "X-Hii-Signature",
    "X-Hub-Signature-256",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "content-type",
    "",
    "x-signature ",
  };
  private static final String[] FRAGMENTS = {
    "sha1=",
    "sha256=",
    "HS256=",
    "v1,",
    "v1a,",
    " ",
    ",",
    "=",
    "==",
    "\u0000",
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
    "\r\n",
    "9999999999999999999",
    "-1",
    "1772359200",
  };

  private final Random random = new Random(SEED);

  @Test
  void randomHeadersAndBodiesOnlyEverFailWithSignatureVerificationException() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SignatureScheme hub = SignatureScheme.hubSha256("X-Hub-Signature-256");
    SignatureScheme standard = SignatureScheme.standardWebhooks(Duration.ofMinutes(5));
    List<WebhookVerifier> verifiers =
        List.of(
            WebhookVerifier.builder(SignatureScheme.TIKINOW)
                .secret(SECRET)
                .maxBodyBytes(512)
                .build(),
            WebhookVerifier.builder(SignatureScheme.HII_RETAIL).secret(SECRET).build(),
            WebhookVerifier.builder(hub).secret(SECRET).build(),
            WebhookVerifier.builder(standard).key(SW_KEY).clock(clock).build());
    List<WebhookSigner> signers =
        List.of(
            WebhookSigner.of(SignatureScheme.TIKINOW, SECRET),
            WebhookSigner.of(SignatureScheme.HII_RETAIL, SECRET),
            WebhookSigner.of(hub, SECRET),
            WebhookSigner.builder(standard).key(SW_KEY).clock(clock).build());
    int verified = 0;
    int[] reasons = new int[SignatureVerificationException.Reason.values().length];

    for (int n = 0; n < CASES; n++) {
      int scheme = random.nextInt(verifiers.size());
      byte[] body = randomBody();
      Map<String, List<String>> headers = randomHeaders();
      boolean genuine = random.nextInt(4) == 0;
      if (genuine) {
        // a real signature, possibly beside garbage and with the names' case changed
        Map<String, String> signed =
            scheme == 3
                ? signers
                    .get(scheme)
                    .sign("msg_" + n, NOW.plusSeconds(random.nextInt(1200) - 600), body)
                : signers.get(scheme).sign(body);
        signed.forEach((name, value) -> add(headers, recase(name), value));
      }
      WebhookHeaders view =
          random.nextBoolean()
              ? WebhookHeaders.ofMulti(headers)
              : WebhookHeaders.of(flatten(headers));
      try {
        verifiers.get(scheme).verify(view, body);
        verified++;
        if (!genuine) {
          fail("case " + n + " verified without a genuine signature: " + headers);
        }
      } catch (SignatureVerificationException e) {
        reasons[e.reason().ordinal()]++;
      } catch (RuntimeException e) {
        throw new AssertionError("case " + n + " (seed " + SEED + ") threw " + e, e);
      }
    }

    assertThat(verified).isPositive();
    assertThat(reasons).doesNotContain(0);
  }

  private byte[] randomBody() {
    int length = random.nextInt(20) == 0 ? 513 + random.nextInt(600) : random.nextInt(64);
    byte[] body = new byte[length];
    random.nextBytes(body);
    return body;
  }

  private Map<String, List<String>> randomHeaders() {
    Map<String, List<String>> headers =
        random.nextBoolean() ? new HashMap<>() : new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String name = random.nextInt(10) == 0 ? randomText(8) : recase(pick(NAMES));
      int kind = random.nextInt(10);
      if (kind == 0 && headers instanceof HashMap) {
        headers.put(random.nextBoolean() ? null : name, null);
      } else if (kind == 1) {
        List<String> values = new ArrayList<>();
        values.add(null);
        headers.put(name, values);
      } else if (kind == 2) {
        headers.put(name, new ArrayList<>(java.util.Collections.nCopies(40, randomValue())));
      } else {
        add(headers, name, randomValue());
      }
    }
    return headers;
  }

  private String randomValue() {
    switch (random.nextInt(8)) {
      case 0:
        return "";
      case 1:
        return "x".repeat(8_000 + random.nextInt(400));
      case 2:
        return pick(FRAGMENTS) + hex(random.nextInt(4) == 0 ? 20 : 32);
      case 3:
        return "v1," + java.util.Base64.getEncoder().encodeToString(bytes(random.nextInt(40)));
      case 4:
        return Long.toString(NOW.getEpochSecond() + random.nextInt(1200) - 600);
      default:
        return randomText(random.nextInt(80));
    }
  }

  private String randomText(int length) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      if (random.nextInt(3) == 0) {
        s.append(pick(FRAGMENTS));
      } else {
        s.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0xFFFF));
      }
    }
    return s.toString();
  }

  private String hex(int bytes) {
    String hex = HexTestUtil.hex(bytes(bytes));
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
    List<String> values = headers.get(name);
    if (values == null) {
      values = new ArrayList<>();
      headers.put(name, values);
    }
    values.add(value);
  }

  private static Map<String, String> flatten(Map<String, List<String>> headers) {
    Map<String, String> flat = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            flat.put(
                name, values == null || values.isEmpty() ? null : values.get(values.size() - 1)));
    return flat;
  }
}
