package io.eventsync.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import io.eventsync.DecodingException;
import java.io.IOException;
import okhttp3.Response;
import okio.BufferedSource;

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

  /**
   * Returns a reader that decodes the JSON body with {@code adapter}. The whole body is read first,
   * so a body cut short by the connection is an {@link IOException} (retried for idempotent calls),
   * and a wrong-shape error on a body that is not even valid JSON is reported as malformed (the
   * rest of the body, after the point where the shape was wrong, is checked).
   */
  static <T> ResponseReader<T> json(JsonAdapter<T> adapter, String what) {
    return response -> {
      BufferedSource source = response.body().source();
      source.request(Long.MAX_VALUE); // the whole body, or the IOException of a cut connection
      // Decoded from the buffered body itself, not a peek() of it: peeked segments are shared,
      // so okio never recycles them, and every call would allocate fresh ones.
      JsonReader json = JsonReader.of(source);
      try {
        return Json.decode(adapter, json, what);
      } catch (DecodingException e) {
        if (!e.malformed() && !Json.restIsWellFormed(json)) {
          throw new DecodingException(
              what + ": malformed JSON (" + e.getMessage() + ")", null, true, e.getCause());
        }
        throw e;
      }
    };
  }

  /**
   * Returns a reader for answers whose body is not used (202, 204): it returns the status code, but
   * a body that arrives must be whole and well-formed JSON, since a cut or garbled answer may not
   * come from the service at all (the call then fails, and is retried if idempotent).
   */
  static ResponseReader<Integer> accepted(String what) {
    return response -> {
      BufferedSource source = response.body().source();
      source.request(Long.MAX_VALUE); // the whole body, or the IOException of a cut connection
      if (!source.exhausted() && !Json.isWellFormed(source)) {
        throw new DecodingException(what + ": malformed JSON in the answer", null, true, null);
      }
      return response.code();
    };
  }

  /** Returns a reader that ignores the body and returns the status code. */
  static ResponseReader<Integer> status() {
    return Response::code;
  }
}
