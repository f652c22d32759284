package io.eventsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.WebhookSecret;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Drives the servlet through {@code service(...)} with minimal fakes of the servlet API. */
class WebhookServletTest {
  private static final WebhookSecret SECRET = WebhookSecret.of("0123456789abcdef0123456789abcdef");
  private static final WebhookSigner SIGNER = WebhookSigner.of(SignatureScheme.TIKINOW, SECRET);
  private static final byte[] BODY =
      "{\"data\":{\"sku\":\"1\",\"note\":\"line one\r\nline two 🚚\"}}\n"
          .getBytes(StandardCharsets.UTF_8);

  private final List<WebhookDelivery> handled = new CopyOnWriteArrayList<>();
  private final WebhookParser parser =
      WebhookParser.of(
          WebhookVerifier.builder(SignatureScheme.TIKINOW)
              .secret(SECRET)
              .maxBodyBytes(1024)
              .build());

  @Test
  void signedPostIsVerifiedFromTheRawInputStreamAndAnswered200() throws Exception {
    FakeResponse response = new FakeResponse();

    new WebhookServlet(parser, handled::add)
        .service(
            request("POST", Map.of("X-Signature", SIGNER.sign(BODY).get("x-signature")), BODY),
            response.proxy());

    assertThat(response.status).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"success\":true}");
    assertThat(response.contentType).isEqualTo("application/json");
    assertThat(handled).singleElement().satisfies(d -> assertThat(d.body()).isEqualTo(BODY));
  }

  @Test
  void badSignatureIsAnswered401() throws Exception {
    FakeResponse response = new FakeResponse();

    new WebhookServlet(parser, handled::add)
        .service(
            request("POST", Map.of("x-signature", "sha1=" + "0".repeat(40)), BODY),
            response.proxy());

    assertThat(response.status).isEqualTo(401);
    assertThat(response.body()).contains("NO_MATCHING_SIGNATURE");
    assertThat(handled).isEmpty();
  }

  @Test
  void handlerFailureIsAnswered500AndDuplicatesAreDropped() throws Exception {
    int[] calls = new int[1];
    WebhookServlet servlet =
        new WebhookServlet(
            parser,
            delivery -> {
              if (++calls[0] == 1) {
                throw new Exception("try again");
              }
            },
            SeenStore.inMemory(Duration.ofHours(1)));
    Map<String, String> headers = SIGNER.sign(BODY);

    FakeResponse first = new FakeResponse();
    servlet.service(request("POST", headers, BODY), first.proxy());
    FakeResponse retry = new FakeResponse();
    servlet.service(request("POST", headers, BODY), retry.proxy());
    FakeResponse duplicate = new FakeResponse();
    servlet.service(request("POST", headers, BODY), duplicate.proxy());

    assertThat(first.status).isEqualTo(500);
    assertThat(retry.status).isEqualTo(200);
    assertThat(duplicate.status).isEqualTo(200);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void duplicateWhileTheFirstAttemptIsInTheHandlerIsAnswered503WithRetryAfter() throws Exception {
    Map<String, String> headers = SIGNER.sign(BODY);
    FakeResponse duplicate = new FakeResponse();
    WebhookServlet[] servlet = new WebhookServlet[1];
    int[] calls = new int[1];
    servlet[0] =
        new WebhookServlet(
            parser,
            delivery -> {
              if (++calls[0] == 1) { // the sender's retry arrives while the first attempt runs
                servlet[0].service(request("POST", headers, BODY), duplicate.proxy());
                throw new Exception("try again");
              }
            },
            SeenStore.inMemory(Duration.ofHours(1)));

    FakeResponse first = new FakeResponse();
    servlet[0].service(request("POST", headers, BODY), first.proxy());
    FakeResponse retry = new FakeResponse();
    servlet[0].service(request("POST", headers, BODY), retry.proxy());

    assertThat(duplicate.status).isEqualTo(503);
    assertThat(duplicate.headers).containsEntry("Retry-After", "10");
    assertThat(first.status).isEqualTo(500);
    assertThat(retry.status).isEqualTo(200);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void bodyOverTheLimitIsAnswered413() throws Exception {
    FakeResponse response = new FakeResponse();
    byte[] big = new byte[2048];

    new WebhookServlet(parser, handled::add)
        .service(request("POST", SIGNER.sign(big), big), response.proxy());

    assertThat(response.status).isEqualTo(413);
  }

  private static HttpServletRequest request(
      String method, Map<String, String> headers, byte[] body) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(body);
    ServletInputStream in =
        new ServletInputStream() {
          @Override
          public int read() {
            return bytes.read();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
          }

          @Override
          public boolean isFinished() {
            return bytes.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {}
        };
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            WebhookServletTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) -> {
              switch (m.getName()) {
                case "getMethod":
                  return method;
                case "getInputStream":
                  return in;
                case "getContentLengthLong":
                  return (long) body.length;
                case "getHeaderNames":
                  return Collections.enumeration(headers.keySet());
                case "getHeaders":
                  String value = headers.get((String) args[0]);
                  return Collections.enumeration(value == null ? List.of() : List.of(value));
                case "getHeader":
                  return headers.get((String) args[0]);
                case "getDateHeader":
                  return -1L;
                case "getProtocol":
                  return "HTTP/1.1";
                case "getRequestURI":
                  return "/webhooks";
                default:
                  return null;
              }
            });
  }

  private static final class FakeResponse {
    int status = 200;
    String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    String body() {
      return out.toString(StandardCharsets.UTF_8);
    }

    HttpServletResponse proxy() {
      ServletOutputStream stream =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              out.write(b);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              WebhookServletTest.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, m, args) -> {
                switch (m.getName()) {
                  case "setStatus":
                    status = (Integer) args[0];
                    return null;
                  case "setHeader":
                    headers.put((String) args[0], (String) args[1]);
                    return null;
                  case "setContentType":
                    contentType = (String) args[0];
                    return null;
                  case "getOutputStream":
                    return stream;
                  case "isCommitted":
                    return false;
                  default:
                    return null;
                }
              });
    }
  }
}
