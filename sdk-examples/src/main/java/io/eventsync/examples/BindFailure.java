package io.eventsync.examples;

import java.io.UncheckedIOException;
import java.net.BindException;

/** Says why a command could not listen on its port, in one line a user can act on. */
final class BindFailure {
  private BindFailure() {}

  /**
   * Returns the error for a failed start on {@code host:port}; a port in use is said in so many
   * words, with how to choose another.
   */
  static IllegalStateException explain(String host, int port, UncheckedIOException e) {
    if (e.getCause() instanceof BindException) {
      return new IllegalStateException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": address already in use; stop the program using port "
              + port
              + " or choose another with --port",
          e);
    }
    return new IllegalStateException(
        "cannot listen on " + host + ":" + port + ": " + e.getCause(), e);
  }
}
