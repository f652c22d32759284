package io.eventsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eventsync.EventSyncClient;
import io.eventsync.auth.WebhookSecret;
import io.eventsync.queue.EventType;
import io.eventsync.testkit.EventSyncSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every command's happy path and bad input, run in-process. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EventSyncCliTest {
  private static final String SECRET = "0123456789abcdef0123456789ABCDEF";

  private EventSyncSandbox sandbox;
  private String queue;

  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    sandbox = EventSyncSandbox.start();
    try (EventSyncClient client = sandbox.clientBuilder().build()) {
      queue = client.eventQueue().createQueue("cli").code();
      client.eventQueue().subscribe(queue, EventType.ORDER_STATUS_UPDATED);
    }
  }

  @AfterEach
  void tearDown() {
    sandbox.close();
  }

  private List<String> emit(int count) {
    return sandbox.emitTikiEvents("ORDER_STATUS_UPDATED", count).stream()
        .map(e -> (String) e.get("id"))
        .collect(Collectors.toList());
  }

  private static List<String> ids(CliRun run) {
    return run.lines().stream()
        .map(line -> line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
        .collect(Collectors.toList());
  }

  @Test
  void demoRunsTheWholeStoryAndExitsZero() {
    CliRun run =
        CliRun.of(
            "demo",
            "--events",
            "400",
            "--log-rows",
            "300",
            "--burst",
            "150",
            "--webhooks",
            "4",
            "--orders",
            "20");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("[1/4] Tiki event queue")
        .contains("[4/4] Hii Retail customer orders")
        .contains("forged webhook refused with HTTP 401")
        .contains("every check passed");
  }

  @Test
  void demoRejectsBadSizes() {
    CliRun run = CliRun.of("demo", "--chaos", "0.9");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("eventsync: --chaos must be in [0, 0.5): 0.9 (see --help)");
  }

  @Test
  void queueTailPrintsOneJsonLinePerEventAndResumesFromTheCursorFile() {
    List<String> emitted = emit(30);
    Path cursor = dir.resolve("queue.cursor");
    String[] args = {
      "queue",
      "tail",
      "--base-url",
      sandbox.url(),
      "--token",
      EventSyncSandbox.DEV_TOKEN,
      "--queue",
      queue,
      "--cursor-file",
      cursor.toString(),
      "--max-events",
      "20",
      "--idle-backoff",
      "PT0.01S"
    };

    CliRun first = CliRun.of(args);
    args[args.length - 3] = "10";
    CliRun second = CliRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.lines().get(0))
        .matches(
            "\\{\"id\":\"[^\"]+\",\"type\":\"ORDER_STATUS_UPDATED\",\"created_at\":\"[^\"]+Z\"}");
    List<String> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertThat(all).containsExactlyElementsOf(emitted);
  }

  @Test
  void optionsAlsoComeFromEventsyncEnvironmentVariables() {
    List<String> emitted = emit(3);
    Map<String, String> env =
        Map.of(
            "EVENTSYNC_BASE_URL",
            sandbox.url(),
            "EVENTSYNC_TOKEN",
            EventSyncSandbox.DEV_TOKEN,
            "EVENTSYNC_QUEUE",
            queue,
            "EVENTSYNC_CURSOR_FILE",
            dir.resolve("env.cursor").toString());

    CliRun run = CliRun.of(env, "queue", "tail", "--max-events", "3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(ids(run)).containsExactlyElementsOf(emitted);
  }

  @Test
  void queueTailBadInputIsOneClearLineAndNonZero() {
    CliRun missing =
        CliRun.of(
            "queue", "tail", "--base-url", sandbox.url(), "--token", "t", "--cursor-file", "c");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().strip())
        .isEqualTo(
            "eventsync: Missing required option '--queue=CODE' (or EVENTSYNC_QUEUE) (see --help)");

    CliRun badUrl =
        CliRun.of(
            "queue",
            "tail",
            "--base-url",
            "ftp://nowhere",
            "--token",
            "t",
            "--queue",
            "q",
            "--cursor-file",
            "c");
    assertThat(badUrl.exitCode()).isEqualTo(2);
    assertThat(badUrl.err().strip())
        .isEqualTo(
            "eventsync: --base-url: \"ftp://nowhere\" is not an http or https URL; the API is"
                + " reached over HTTP, e.g. http://localhost:8080 for the sandbox (see --help)");
  }

  @Test
  void aBaseUrlWithoutSchemeIsBlamedOnTheUrlNotTheToken() {
    CliRun run =
        CliRun.of(
            "queue",
            "tail",
            "--base-url",
            "localhost:8080",
            "--token",
            "t",
            "--queue",
            "q",
            "--cursor-file",
            dir.resolve("c").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "eventsync: --base-url: \"localhost:8080\" has no scheme; write http://localhost:8080"
                + " or https://localhost:8080 (see --help)\n");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void anUnreachableBaseUrlEndsTheFirstRunWithinThirtySecondsWithOneLineNamingIt()
      throws Exception {
    int port = closedPort();
    String[][] commands = {
      {"queue", "tail", "--queue", "q"}, {"log", "tail"}, {"log", "tail", "--follow"}
    };
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(
          List.of(
              "--base-url",
              "http://user:hunter2@127.0.0.1:" + port,
              "--token",
              "t",
              "--cursor-file",
              dir.resolve("unreachable.cursor").toString()));

      CliRun run =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> CliRun.of(args.toArray(String[]::new)));

      assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err())
          .startsWith("eventsync: cannot reach http://127.0.0.1:" + port + " (")
          .endsWith("); check --base-url and that the server is running\n")
          .doesNotContain("hunter2");
    }
  }

  private String[] tailArgs(Path cursor, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "queue",
                "tail",
                "--base-url",
                sandbox.url(),
                "--token",
                EventSyncSandbox.DEV_TOKEN,
                "--queue",
                queue,
                "--cursor-file",
                cursor.toString(),
                "--idle-backoff",
                "10ms"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void aCursorThatCannotBeLockedIsRefusedBeforeAnyEventIsPrinted() throws Exception {
    emit(5);
    Path cursor = dir.resolve("q.cursor");
    Files.createDirectory(dir.resolve("q.cursor.lock")); // the store cannot lock, so cannot commit

    CliRun run = CliRun.of(tailArgs(cursor, "--max-events", "3"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("eventsync: cannot store the cursor of stream ")
        .contains(cursor + ".lock")
        .endsWith("nothing was handed over\n");
  }

  @Test
  void aCursorFileThatCannotBeWrittenIsRefusedBeforeAnyEventIsPrinted() throws Exception {
    emit(3);
    Path plainFile = Files.writeString(dir.resolve("plain-file"), "x");

    CliRun run = CliRun.of(tailArgs(plainFile.resolve("q.cursor"), "--max-events", "3"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "eventsync: --cursor-file: cannot write in "
                + plainFile
                + " ("
                + plainFile
                + " is a file, not a directory); choose a cursor file in a writable directory"
                + " (see --help)\n");
  }

  @Test
  void queueCreateThenTailUntilEmptyIsTheWholeFirstContactPath() {
    CliRun created =
        CliRun.of(
            "queue",
            "create",
            "--base-url",
            sandbox.url(),
            "--token",
            EventSyncSandbox.DEV_TOKEN,
            "--name",
            "first-contact",
            "--subscribe",
            "order_status_updated",
            "PRODUCT_INVENTORY_UPDATED");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String code = created.out().strip();
    assertThat(code).matches("\\S+").isNotEqualTo(queue);
    List<String> emitted = emit(7);
    queue = code;

    CliRun first = CliRun.of(tailArgs(dir.resolve("first.cursor"), "--until-empty"));
    CliRun again = CliRun.of(tailArgs(dir.resolve("first.cursor"), "--until-empty"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(ids(first)).containsExactlyElementsOf(emitted);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.lines()).isEmpty();
  }

  @Test
  void queueCreateRefusesAnUnknownEventTypeAndListsTheKnownOnes() {
    CliRun run =
        CliRun.of(
            "queue",
            "create",
            "--base-url",
            sandbox.url(),
            "--token",
            EventSyncSandbox.DEV_TOKEN,
            "--name",
            "n",
            "--subscribe",
            "ORDER_MADE");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("eventsync: --subscribe: unknown event type \"ORDER_MADE\"; one of ")
        .contains("ORDER_STATUS_UPDATED");
  }

  @Test
  void enumOptionsAreCaseInsensitive() throws Exception {
    Path file = Files.write(dir.resolve("body.json"), "{}".getBytes(StandardCharsets.UTF_8));

    CliRun run =
        CliRun.of(
            "webhooks",
            "sign",
            "--secret",
            SECRET,
            "--file",
            file.toString(),
            "--scheme",
            "hii_retail");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("X-Hii-Signature: HS256=");
  }

  @Test
  void sandboxOnAPortInUseSaysAddressAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
      int port = taken.getLocalPort();

      CliRun run = CliRun.of("sandbox", "--port", "" + port);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "eventsync: cannot listen on localhost:"
                  + port
                  + ": address already in use; stop the program using port "
                  + port
                  + " or choose another with --port\n");
    }
  }

  @Test
  void webhooksListenOnAPortInUseSaysAddressAlreadyInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      CliRun run = CliRun.of("webhooks", "listen", "--secret", SECRET, "--port", "" + port);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "eventsync: cannot listen on 127.0.0.1:"
                  + port
                  + ": address already in use; stop the program using port "
                  + port
                  + " or choose another with --port\n");
    }
  }

  @Test
  void unreadableCursorFileFailsLoudlyWithoutPrintingEvents() throws Exception {
    emit(5);
    Path cursor = dir.resolve("broken.cursor");
    Files.writeString(cursor, "{not json");

    CliRun run =
        CliRun.of(
            "queue",
            "tail",
            "--base-url",
            sandbox.url(),
            "--token",
            EventSyncSandbox.DEV_TOKEN,
            "--queue",
            queue,
            "--cursor-file",
            cursor.toString(),
            "--max-events",
            "5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("eventsync: ")
        .contains(cursor.toString())
        .contains("is corrupt");
  }

  @Test
  void logTailReadsTheLogToItsEndAndResumes() {
    sandbox.appendLogRows(
        250, Instant.parse("2026-01-01T00:00:00Z"), true, "TRANSACTION_STATUS_CHANGE");
    String[] args = {
      "log",
      "tail",
      "--base-url",
      sandbox.url(),
      "--token",
      EventSyncSandbox.DEV_TOKEN,
      "--cursor-file",
      dir.resolve("log.cursor").toString(),
      "--limit",
      "100"
    };

    CliRun first = CliRun.of(args);
    sandbox.appendLogRows(
        5, Instant.parse("2026-01-01T00:00:00Z"), true, "TRANSACTION_STATUS_CHANGE");
    CliRun second = CliRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.lines()).hasSize(250);
    assertThat(second.lines()).hasSize(5);
    List<String> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void logTailRejectsAnOversizedPage() {
    CliRun run =
        CliRun.of(
            "log",
            "tail",
            "--base-url",
            sandbox.url(),
            "--token",
            "t",
            "--cursor-file",
            "c",
            "--limit",
            "5000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "eventsync: --limit: limit must be between 1 and 1000 but was 5000 (see --help)");
  }

  @Test
  void webhooksSignPrintsTheHeaderAnIndependentHmacAgreesWith() throws Exception {
    byte[] body = "{\"data\": {\"sku\": \"Bánh mì 🥖\"}}".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("body.json"), body);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));

    CliRun run = CliRun.of("webhooks", "sign", "--secret", SECRET, "--file", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip())
        .isEqualTo("x-signature: sha1=" + HexFormat.of().formatHex(mac.doFinal(body)));
  }

  @Test
  void webhooksSignWithAWrongSecretSaysWhyWithoutShowingIt() {
    CliRun run = CliRun.of("webhooks", "sign", "--secret", "too-short-secret-value", "--file", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "eventsync: --secret: webhook secret must be exactly 32 characters but has 22;"
                + " generate one with WebhookSecret.generate() (see --help)");
    assertThat(run.err()).doesNotContain("too-short-secret-value");
  }

  @Test
  void webhooksListenRejectsABadSecretAndPort() {
    assertThat(
            CliRun.of(
                    "webhooks",
                    "listen",
                    "--secret",
                    WebhookSecret.generate().reveal(),
                    "--port",
                    "70000")
                .err())
        .isEqualTo("eventsync: --port must be between 0 and 65535: 70000 (see --help)\n");
    assertThat(CliRun.of("webhooks", "listen").exitCode()).isEqualTo(2);
  }

  @Test
  void sandboxRejectsABadPort() {
    CliRun run = CliRun.of("sandbox", "--port", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("eventsync: --port must be between 0 and 65535: -1 (see --help)\n");
  }

  @Test
  void unknownCommandAndHelp() {
    assertThat(CliRun.of("nope").exitCode()).isEqualTo(2);
    CliRun help = CliRun.of("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("demo", "sandbox", "queue", "log", "webhooks");
  }
}
