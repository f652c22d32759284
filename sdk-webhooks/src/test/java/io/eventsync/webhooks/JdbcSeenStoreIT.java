package io.eventsync.webhooks;

import static io.eventsync.webhooks.SeenStore.Claim.ACQUIRED;
import static io.eventsync.webhooks.SeenStore.Claim.HANDLED;
import static io.eventsync.webhooks.SeenStore.Claim.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.EventSyncException;
import io.eventsync.auth.WebhookSecret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link JdbcSeenStore} on an embedded PostgreSQL 14, as several replicas would use it. */
@Timeout(120)
class JdbcSeenStoreIT {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  private final String table = "seen_" + TABLES.incrementAndGet();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private JdbcSeenStore store() {
    return JdbcSeenStore.builder(dataSource).tableName(table).build();
  }

  @Test
  void anIdIsHandledOnlyOnceCompletedAndAReleasedOneIsClaimedAgain() {
    JdbcSeenStore store = store();

    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
    assertThat(store.claim("a")).isEqualTo(IN_PROGRESS);
    store.release("a");
    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
    store.complete("a");
    store.release("a"); // a late release never forgets a handled id

    assertThat(store.claim("a")).isEqualTo(HANDLED);
    assertThat(store.claim("b")).isEqualTo(ACQUIRED);
  }

  @Test
  void aRestartedReplicaStillKnowsWhatWasHandled() {
    store().claim("a");
    store().complete("a");

    assertThat(store().claim("a")).isEqualTo(HANDLED);
  }

  @Test
  void concurrentClaimsFromManyReplicasAcquireEachIdOnce() throws Exception {
    int replicas = 8;
    List<JdbcSeenStore> stores = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      stores.add(store());
    }
    stores.get(0).claim("warm-up"); // the table exists before the race
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    try {
      for (int round = 0; round < 20; round++) {
        String id = "race-" + round;
        CyclicBarrier start = new CyclicBarrier(replicas);
        List<Future<SeenStore.Claim>> claims = new ArrayList<>();
        for (JdbcSeenStore store : stores) {
          Callable<SeenStore.Claim> claim =
              () -> {
                start.await();
                return store.claim(id);
              };
          claims.add(pool.submit(claim));
        }
        int acquired = 0;
        for (Future<SeenStore.Claim> claim : claims) {
          if (claim.get() == ACQUIRED) {
            acquired++;
          } else {
            assertThat(claim.get()).isEqualTo(IN_PROGRESS);
          }
        }
        assertThat(acquired).as("round %s", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expiredRowsCountAsAbsentAndArePurged() throws Exception {
    JdbcSeenStore store = store();
    store.claim("handled");
    store.complete("handled");
    store.claim("lapsed-claim");
    store.claim("fresh");
    execute(
        "UPDATE "
            + table
            + " SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 second'"
            + " WHERE delivery_id IN ('handled', 'lapsed-claim')");

    assertThat(store.claim("handled")).isEqualTo(ACQUIRED);
    assertThat(store.claim("lapsed-claim")).isEqualTo(ACQUIRED);
    execute(
        "UPDATE "
            + table
            + " SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 second'"
            + " WHERE delivery_id = 'handled'");
    assertThat(store.purgeExpired()).isEqualTo(1);
    assertThat(store.claim("fresh")).isEqualTo(IN_PROGRESS);
  }

  @Test
  void retentionAndClaimTimeoutSetTheExpiry() throws Exception {
    JdbcSeenStore store =
        JdbcSeenStore.builder(dataSource)
            .tableName(table)
            .retention(Duration.ofDays(30))
            .claimTimeout(Duration.ofMinutes(2))
            .build();
    store.claim("claimed");
    store.claim("handled");
    store.complete("handled");

    assertThat(secondsToExpiry("claimed")).isBetween(100L, 120L);
    assertThat(secondsToExpiry("handled")).isBetween(30 * 86_400L - 20, 30 * 86_400L);
  }

  @Test
  void longIdsAreStoredAsTheirHash() {
    JdbcSeenStore store = store();
    String id = "x".repeat(5000);

    assertThat(store.claim(id)).isEqualTo(ACQUIRED);
    store.complete(id);

    assertThat(store.claim(id)).isEqualTo(HANDLED);
    assertThat(store.claim("x".repeat(4999) + "y")).isEqualTo(ACQUIRED);
  }

  @Test
  void withoutSchemaCreationTheDocumentedStatementsMakeTheTable() throws Exception {
    execute(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (\n  delivery_id  VARCHAR(255) NOT NULL PRIMARY KEY,\n"
            + "  state        VARCHAR(16) NOT NULL,\n"
            + "  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL\n)");
    execute("CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_at)");
    JdbcSeenStore store =
        JdbcSeenStore.builder(dataSource).tableName(table).createSchema(false).build();

    assertThat(store.claim("a")).isEqualTo(ACQUIRED);
  }

  @Test
  void aMissingTableIsATypedErrorNamingIt() {
    JdbcSeenStore store =
        JdbcSeenStore.builder(dataSource).tableName(table).createSchema(false).build();

    assertThatThrownBy(() -> store.claim("a"))
        .isInstanceOf(EventSyncException.class)
        .hasMessageStartingWith("cannot claim delivery a (table " + table + "): ")
        .hasMessageEndingWith("(SQLState 42P01)");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> JdbcSeenStore.builder(dataSource).tableName("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tableName must be an SQL identifier");
    assertThatThrownBy(() -> JdbcSeenStore.builder(dataSource).retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retention must be at least 1 ms: PT0S");
  }

  @Test
  void aDuplicateAtAnotherReplicaWhileTheFirstAttemptRunsIsAskedToRetryAndTheRetryIsHandled()
      throws Exception {
    WebhookSecret secret = WebhookSecret.of("0123456789abcdef0123456789abcdef");
    WebhookVerifier verifier =
        WebhookVerifier.builder(SignatureScheme.TIKINOW).secret(secret).build();
    byte[] body = "{\"data\":{\"sku\":\"1\"}}".getBytes(StandardCharsets.UTF_8);
    String signature =
        WebhookSigner.of(SignatureScheme.TIKINOW, secret).sign(body).get("x-signature");
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch firstMayFail = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    WebhookHandler handler =
        delivery -> {
          if (calls.incrementAndGet() == 1) {
            firstEntered.countDown();
            firstMayFail.await();
            throw new IllegalStateException("database down");
          }
          succeeded.incrementAndGet();
        };
    HttpClient client = HttpClient.newHttpClient();
    try (WebhookReceiver a =
            WebhookReceiver.builder(verifier)
                .deduplicate(store())
                .handler(handler)
                .build()
                .start();
        WebhookReceiver b =
            WebhookReceiver.builder(verifier)
                .deduplicate(store())
                .handler(handler)
                .build()
                .start()) {
      CompletableFuture<HttpResponse<String>> first =
          client.sendAsync(post(a.url(), signature, body), HttpResponse.BodyHandlers.ofString());
      firstEntered.await();

      HttpResponse<String> duplicate =
          client.send(post(b.url(), signature, body), HttpResponse.BodyHandlers.ofString());
      firstMayFail.countDown();
      HttpResponse<String> failed = first.get();
      HttpResponse<String> retry =
          client.send(post(b.url(), signature, body), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> late =
          client.send(post(a.url(), signature, body), HttpResponse.BodyHandlers.ofString());

      assertThat(duplicate.statusCode()).isEqualTo(503);
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(late.statusCode()).isEqualTo(200);
      assertThat(calls).hasValue(2);
      assertThat(succeeded).hasValue(1);
    }
  }

  private static HttpRequest post(URI url, String signature, byte[] body) {
    return HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(30))
        .header("x-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private long secondsToExpiry(String id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT EXTRACT(EPOCH FROM expires_at - CURRENT_TIMESTAMP) FROM "
                    + table
                    + " WHERE delivery_id = '"
                    + id
                    + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
