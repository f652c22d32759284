package io.eventsync.spring;

import okhttp3.OkHttpClient;
import org.springframework.beans.factory.DisposableBean;

/**
 * The OkHttpClient the EventSyncClient bean uses: the application's own (never shut down here), an
 * instrumented view of it, or one of the starter's, shut down with the context. Null: the SDK's
 * own, which the EventSyncClient closes.
 */
final class ClientHttp implements DisposableBean {
  private final OkHttpClient client;
  private final boolean owned;

  ClientHttp(OkHttpClient application, HttpInstrumentation instrumentation) {
    if (instrumentation == null) {
      this.client = application;
      this.owned = false;
    } else {
      OkHttpClient.Builder builder =
          application == null ? new OkHttpClient.Builder() : application.newBuilder();
      this.client = instrumentation.instrument(builder).build();
      this.owned = application == null;
    }
  }

  OkHttpClient client() {
    return client;
  }

  @Override
  public void destroy() {
    if (owned) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
