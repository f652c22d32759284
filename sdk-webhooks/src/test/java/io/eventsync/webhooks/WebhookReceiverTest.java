package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsync.auth.WebhookSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WebhookReceiverTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final WebhookSigner SIGNER = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET);
  private static final byte[] STOCK =
      ("{\r\n\"data\":{\"date\":\"2022-10-26T14:22:46+07:00\",\"sku\":\"8936\","
              + "\"warehouse\":\"sgn3\",\"qty_salable\":147,\"seller_product_code\":\"Cà phê ☕\"}}\n")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<WebhookDelivery> handled = new CopyOnWriteArrayList<>();
  private WebhookReceiver receiver;

  @AfterEach
  void closeReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private WebhookVerifier verifier() {
    return WebhookVerifier.builder(SignatureScheme.TIKINOW)
        .secret(SECRET)
        .maxBodyBytes(4096)
        .build();
  }

  private WebhookReceiver start(WebhookReceiver.Builder builder) {
    receiver = builder.build().start();
    return receiver;
  }

  @Test
  void signedDeliveryIsHandledWithItsExactBytesAndAnswered200() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));

    HttpResponse<String> response = post(receiver.url(), SIGNER.sign(STOCK), STOCK);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"success\":true}");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(handled).hasSize(1);
    assertThat(handled.get(0).body()).isEqualTo(STOCK);
    assertThat(handled.get(0).payload()).isInstanceOf(TikiNowStock.class);
    assertThat(((TikiNowStock) handled.get(0).payload()).sellerProductCode()).isEqualTo("Cà phê ☕");
  }

  @Test
  void badSignatureIsAnswered401AndNeverHandled() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));
    Map<String, String> wrong =
        WebhookSigner.of(SignatureScheme.TIKINOW, WebhookSecret.generate()).sign(STOCK);

    HttpResponse<String> response = post(receiver.url(), wrong, STOCK);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo(
            "{\"success\":false,\"error\":{\"code\":\"NO_MATCHING_SIGNATURE\","
                + "\"message\":\"the signature does not match the body\"}}");
    assertThat(handled).isEmpty();
  }

  @Test
  void missingSignatureIsAnswered401() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));

    HttpResponse<String> response = post(receiver.url(), Map.of(), STOCK);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"code\":\"MISSING_HEADER\"");
  }

  @Test
  void handlerFailureIsAnswered500AndTheRetryIsHandled() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    start(
        WebhookReceiver.builder(verifier())
            .deduplicate(SeenStore.inMemory(Duration.ofHours(1)))
            .handler(
                delivery -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("database down, secret=hunter2");
                  }
                  handled.add(delivery);
                }));

    HttpResponse<String> first = post(receiver.url(), SIGNER.sign(STOCK), STOCK);
    HttpResponse<String> retry = post(receiver.url(), SIGNER.sign(STOCK), STOCK);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body())
        .isEqualTo(
            "{\"success\":false,\"error\":{\"code\":\"HANDLER_FAILED\","
                + "\"message\":\"the delivery could not be processed; retry later\"}}");
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(handled).hasSize(1);
  }

  @Test
  void duplicateDeliveryIsAcknowledgedWithoutCallingTheHandlerAgain() throws Exception {
    start(
        WebhookReceiver.builder(verifier())
            .deduplicate(SeenStore.inMemory(Duration.ofHours(1)))
            .handler(handled::add));

    assertThat(post(receiver.url(), SIGNER.sign(STOCK), STOCK).statusCode()).isEqualTo(200);
    assertThat(post(receiver.url(), SIGNER.sign(STOCK), STOCK).statusCode()).isEqualTo(200);

    assertThat(handled).hasSize(1);
  }

  @Test
  void duplicateArrivingWhileTheFirstAttemptIsInTheHandlerIsAskedToRetrySoAFailureIsNotLost()
      throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch firstMayFail = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    start(
        WebhookReceiver.builder(verifier())
            .deduplicate(SeenStore.inMemory(Duration.ofHours(1)))
            .handler(
                delivery -> {
                  if (calls.incrementAndGet() == 1) {
                    firstEntered.countDown();
                    firstMayFail.await();
                    throw new IllegalStateException("database down");
                  }
                  handled.add(delivery);
                }));
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post(receiver.url(), SIGNER.sign(STOCK), STOCK);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    firstEntered.await();

    HttpResponse<String> duplicate = post(receiver.url(), SIGNER.sign(STOCK), STOCK);
    firstMayFail.countDown();
    assertThat(first.get().statusCode()).isEqualTo(500);
    // the sender retries what was not acknowledged with a 2xx, as TikiNOW and the sandbox do
    HttpResponse<String> retry =
        duplicate.statusCode() / 100 == 2 ? null : post(receiver.url(), SIGNER.sign(STOCK), STOCK);

    assertThat(duplicate.statusCode()).isEqualTo(503);
    assertThat(duplicate.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(duplicate.body()).contains("\"code\":\"DELIVERY_IN_PROGRESS\"");
    assertThat(retry).isNotNull();
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(calls).hasValue(2);
    assertThat(handled).hasSize(1);
  }

  @Test
  void withoutDeduplicationEveryDeliveryReachesTheHandler() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));

    post(receiver.url(), SIGNER.sign(STOCK), STOCK);
    post(receiver.url(), SIGNER.sign(STOCK), STOCK);

    assertThat(handled).hasSize(2);
    assertThat(handled.get(0).deliveryId()).isEqualTo(handled.get(1).deliveryId());
  }

  @Test
  void standardWebhooksDeliveryIdIsTheWebhookId() throws Exception {
    SigningKey key = SigningKey.standardWebhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    start(
        WebhookReceiver.builder(
                WebhookVerifier.builder(SignatureScheme.standardWebhooks()).key(key).build())
            .handler(handled::add));
    byte[] body = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        post(
            receiver.url(),
            WebhookSigner.of(SignatureScheme.standardWebhooks(), key)
                .sign("msg_42", Instant.now(), body),
            body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(handled.get(0).deliveryId()).isEqualTo("msg_42");
  }

  @Test
  void bodyOverTheLimitIsAnswered413WithOrWithoutContentLength() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));
    byte[] big = new byte[5000];

    HttpResponse<String> declared = post(receiver.url(), SIGNER.sign(big), big);
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(receiver.url())
                .header("x-signature", SIGNER.sign(big).get("x-signature"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
    assertThat(handled).isEmpty();
  }

  @Test
  void verifiedButUnreadableBodyIsAnswered400WithAShortFixedMessage() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));
    byte[] body = "{\"data\": nope}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(receiver.url(), SIGNER.sign(body), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"success\":false,\"error\":{\"code\":\"INVALID_BODY\","
                + "\"message\":\"the body is not valid JSON\"}}");
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    start(WebhookReceiver.builder(verifier()).path("/hooks/tikinow").handler(handled::add));

    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(receiver.url()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere =
        post(receiver.url().resolve("/other"), SIGNER.sign(STOCK), STOCK);

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(receiver.url().getPath()).isEqualTo("/hooks/tikinow");
  }

  @Test
  void portZeroPicksAFreePortAndCloseStopsListening() throws Exception {
    start(WebhookReceiver.builder(verifier()).handler(handled::add));
    URI url = receiver.url();

    assertThat(receiver.port()).isPositive();
    assertThat(url.toString()).isEqualTo("http://127.0.0.1:" + receiver.port() + "/webhooks");

    receiver.close();
    receiver.close();

    assertThatThrownBy(() -> post(url, SIGNER.sign(STOCK), STOCK)).isInstanceOf(IOException.class);
    assertThatThrownBy(receiver::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRequiresAHandler() {
    assertThatThrownBy(() -> WebhookReceiver.builder(verifier()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no handler: call handler(...)");
    assertThatThrownBy(() -> WebhookReceiver.builder(verifier()).handler(d -> {}).build().port())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("receiver not started");
  }

  private HttpResponse<String> post(URI url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
