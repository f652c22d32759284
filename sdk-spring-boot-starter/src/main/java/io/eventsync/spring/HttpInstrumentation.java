package io.eventsync.spring;

import okhttp3.OkHttpClient;

/** Instruments the client's HTTP calls (the Micrometer binding when a MeterRegistry exists). */
interface HttpInstrumentation {
  /** Adds the instrumentation to {@code builder} and returns it. */
  OkHttpClient.Builder instrument(OkHttpClient.Builder builder);
}
