package io.eventsync.webhooks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jakarta Servlet webhook endpoint: the servlet-container twin of {@link WebhookReceiver}, with
 * the same answers. It reads the raw bytes from {@code getInputStream()} with the verifier's size
 * limit, so nobody calls {@code getReader()} (which decodes, and loses line breaks when joined).
 *
 * <pre>{@code
 * context.addServlet("webhooks", new WebhookServlet(WebhookParser.of(verifier), handler))
 *     .addMapping("/webhooks/tikinow");
 * }</pre>
 *
 * <p>Request timeouts and connection limits are the servlet container's (configure them there;
 * {@link WebhookReceiver} has its own). Refused deliveries are logged at DEBUG with a WARN summary
 * at most once a minute, the rest of which is written by {@link #destroy()}.
 *
 * <p>Needs {@code jakarta.servlet-api} 5 or later at run time (the SDK declares it optional).
 * Thread-safe. Not meant to be serialized.
 */
// jakarta.servlet is an optional dependency (`requires static`): an application that uses this
// servlet has it on its own path, so the module does not pass it on with `requires transitive`.
@SuppressWarnings("exports")
public final class WebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient WebhookEndpoint endpoint;

  /** Creates a servlet that hands every verified delivery to {@code handler}. */
  public WebhookServlet(WebhookParser parser, WebhookHandler handler) {
    this.endpoint = new WebhookEndpoint(parser, handler, null);
  }

  /**
   * Creates a servlet that drops duplicate deliveries: an id already handled is answered 200, one
   * whose earlier attempt is still in the handler 503 with {@code Retry-After}; see {@link
   * WebhookReceiver.Builder#deduplicate(SeenStore)}.
   */
  public WebhookServlet(WebhookParser parser, WebhookHandler handler, SeenStore seenStore) {
    this.endpoint =
        new WebhookEndpoint(
            parser, handler, java.util.Objects.requireNonNull(seenStore, "seenStore == null"));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = endpoint.readBody(in, request.getContentLengthLong());
    }
    WebhookEndpoint.Response answer =
        body == null
            ? endpoint.tooLarge("declared or read more than the limit")
            : endpoint.handle(headersOf(request), body);
    response.setStatus(answer.status);
    answer.headers.forEach(response::setHeader);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(answer.body.length);
    response.getOutputStream().write(answer.body);
  }

  /** Writes the WARN summary of refused deliveries not summarized yet. */
  @Override
  public void destroy() {
    endpoint.flushRefusals();
    super.destroy();
  }

  private static WebhookHeaders headersOf(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      if (name == null) {
        continue;
      }
      List<String> values = new ArrayList<>(1);
      Enumeration<String> each = request.getHeaders(name);
      while (each != null && each.hasMoreElements()) {
        values.add(each.nextElement());
      }
      headers.put(name, values);
    }
    return WebhookHeaders.ofMulti(headers);
  }
}
