package io.eventsync.examples;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SeenStore;
import io.eventsync.webhooks.WebhookReceiver;
import io.eventsync.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import okio.Buffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eventsync webhooks listen}: receives webhooks and prints each verified payload. */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "Receives webhooks on --port (path /webhooks), prints each verified payload as one JSON line,"
          + " answers 401 to a bad signature. Stops on Ctrl-C."
    })
final class WebhooksListenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8081",
      description = "Port (env EVENTSYNC_PORT, default 8081).")
  int port;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      description = "The 32-character secret (env EVENTSYNC_SECRET).")
  String secret;

  @Option(
      names = "--scheme",
      paramLabel = "SCHEME",
      defaultValue = "TIKINOW",
      description = "TIKINOW (default) or HII_RETAIL.")
  SchemeOption scheme;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String bind;

  @Option(
      names = "--dedupe",
      description =
          "Print each delivery once: a delivery id seen in the last 24 h is answered 200 without"
              + " printing (in memory, so a restart forgets). Signatures carry no timestamp;"
              + " this also refuses a replay within that window.")
  boolean dedupe;

  /** How long {@code --dedupe} remembers a delivery id: longer than a sender retries. */
  static final Duration DEDUPE_WINDOW = Duration.ofHours(24);

  /** Returns the secret, or a usage error that describes the problem without showing the value. */
  static WebhookSecret secret(CommandSpec spec, String value) {
    if (value == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option '--secret=SECRET' (or EVENTSYNC_SECRET)");
    }
    try {
      return WebhookSecret.of(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--secret: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    WebhookSecret key = secret(spec, secret);
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535: " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    WebhookVerifier verifier = WebhookVerifier.builder(scheme.scheme).secret(key).build();
    CountDownLatch stopped = new CountDownLatch(1);
    WebhookReceiver.Builder builder =
        WebhookReceiver.builder(verifier)
            .port(port)
            .bindAddress(InetAddress.getByName(bind))
            .handler(delivery -> printCompact(out, delivery.body()));
    if (dedupe) {
      builder.deduplicate(SeenStore.inMemory(DEDUPE_WINDOW));
    }
    try (WebhookReceiver receiver = started(builder.build())) {
      spec.commandLine().getErr().println("eventsync webhooks listening on " + receiver.url());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(stopped::countDown, "eventsync-listen-shutdown"));
      stopped.await();
    }
    return 0;
  }

  /** Starts the receiver; a port in use is said in so many words, with the port. */
  private WebhookReceiver started(WebhookReceiver receiver) {
    try {
      return receiver.start();
    } catch (UncheckedIOException e) {
      throw BindFailure.explain(bind, port, e);
    }
  }

  private static synchronized void printCompact(PrintWriter out, byte[] body) throws IOException {
    Buffer compact = new Buffer();
    try (JsonReader reader = JsonReader.of(new Buffer().write(body));
        JsonWriter writer = JsonWriter.of(compact)) {
      writer.setSerializeNulls(true);
      copy(reader, writer);
    }
    out.println(compact.readUtf8());
    out.flush();
  }

  /** Copies one JSON value token by token, numbers as their exact text. */
  private static void copy(JsonReader reader, JsonWriter writer) throws IOException {
    int depth = 0;
    do {
      switch (reader.peek()) {
        case BEGIN_OBJECT:
          reader.beginObject();
          writer.beginObject();
          depth++;
          break;
        case END_OBJECT:
          reader.endObject();
          writer.endObject();
          depth--;
          break;
        case BEGIN_ARRAY:
          reader.beginArray();
          writer.beginArray();
          depth++;
          break;
        case END_ARRAY:
          reader.endArray();
          writer.endArray();
          depth--;
          break;
        case NAME:
          writer.name(reader.nextName());
          break;
        case STRING:
          writer.value(reader.nextString());
          break;
        case NUMBER:
          writer.value(new BigDecimal(reader.nextString()));
          break;
        case BOOLEAN:
          writer.value(reader.nextBoolean());
          break;
        case NULL:
          writer.nullValue();
          reader.nextNull();
          break;
        default:
          throw new IOException("unexpected JSON token " + reader.peek());
      }
    } while (depth > 0);
  }
}
