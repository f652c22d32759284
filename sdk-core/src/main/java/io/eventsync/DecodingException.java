package io.eventsync;

import org.jspecify.annotations.Nullable;

/**
 * A response body could not be turned into the expected type: it was malformed JSON ({@link
 * #malformed()}), or well-formed JSON of the wrong shape, in which case {@link #path()} says where
 * (for example {@code $.events[3].created_at}).
 */
public class DecodingException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String path;
  private final boolean malformed;

  /**
   * Creates the exception.
   *
   * @param path the JSON path of the offending value, or null if unknown
   * @param malformed true if the body was not valid JSON at all (for example cut short)
   */
  public DecodingException(
      String message, @Nullable String path, boolean malformed, @Nullable Throwable cause) {
    super(message, cause, 1);
    this.path = path;
    this.malformed = malformed;
  }

  /** Creates the exception after {@code attempts} attempts. */
  public DecodingException(
      String message,
      @Nullable String path,
      boolean malformed,
      @Nullable Throwable cause,
      int attempts) {
    super(message, cause, attempts);
    this.path = path;
    this.malformed = malformed;
  }

  /** Returns the JSON path of the value that did not fit, or null. */
  public @Nullable String path() {
    return path;
  }

  /** Returns true if the body was not valid JSON (as opposed to valid JSON of the wrong shape). */
  public boolean malformed() {
    return malformed;
  }
}
