package io.eventsync.internal;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body that may be read up to a number of bytes: one that declares a larger {@code
 * Content-Length} fails at its first read, one that turns out larger (chunked, endless, or longer
 * than declared) fails as soon as the limit is passed. Memory use stays within the limit plus one
 * buffer segment whoever reads it.
 */
final class BoundedBody {
  private BoundedBody() {}

  /** Read when a response body passes its limit; mapped to a typed exception by the SDK. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    final long maxBytes;
    final long declaredBytes;

    TooLargeException(long maxBytes, long declaredBytes) {
      super(
          declaredBytes >= 0
              ? "the response declares " + declaredBytes + " bytes, over the limit of " + maxBytes
              : "the response passed the limit of " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
      this.declaredBytes = declaredBytes;
    }
  }

  /**
   * Returns {@code body} limited to {@code maxBytes}; {@code onClose} runs once when it is closed.
   */
  static ResponseBody wrap(ResponseBody body, long maxBytes, Runnable onClose) {
    long declared = body.contentLength();
    ForwardingSource counting =
        new ForwardingSource(body.source()) {
          private long count;
          private boolean closed;

          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            if (declared > maxBytes) {
              throw new TooLargeException(maxBytes, declared);
            }
            long read = super.read(sink, byteCount);
            if (read > 0) {
              count += read;
              if (count > maxBytes) {
                throw new TooLargeException(maxBytes, -1);
              }
            }
            return read;
          }

          @Override
          public void close() throws IOException {
            if (closed) {
              return;
            }
            closed = true;
            try {
              super.close();
            } finally {
              onClose.run();
            }
          }
        };
    return ResponseBody.create(Okio.buffer(counting), body.contentType(), declared);
  }

  /** Returns {@code bytes} in words: {@code 16 MiB}, {@code 64 KiB} or {@code 1000 bytes}. */
  static String describe(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
