package io.eventsync.internal;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import okhttp3.Response;

/**
 * Reads a successful (2xx) response into a value.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface ResponseReader<T> {
  /**
   * Reads {@code response}; the caller closes it.
   *
   * @throws IOException if the body cannot be read (the call may be retried)
   * @throws io.eventsync.DecodingException if the body has the wrong shape
   */
  T read(Response response) throws IOException;

  /** Returns a reader that decodes the JSON body with {@code adapter}. */
  static <T> ResponseReader<T> json(JsonAdapter<T> adapter, String what) {
    return response -> Json.decode(adapter, response.body().source(), what);
  }

  /** Returns a reader that ignores the body and returns the status code. */
  static ResponseReader<Integer> status() {
    return Response::code;
  }
}
