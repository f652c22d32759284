package io.eventsync.examples;

import java.io.PrintWriter;

/**
 * A one-line progress counter: redrawn in place on a terminal, printed once when done elsewhere.
 */
final class Progress {
  private static final int BAR = 30;

  private final PrintWriter out;
  private final boolean interactive;
  private final String label;
  private final long total;
  private long lastDrawn = -1;

  Progress(PrintWriter out, boolean interactive, String label, long total) {
    this.out = out;
    this.interactive = interactive;
    this.label = label;
    this.total = total;
  }

  /** Sets the count; redraws at most every 1% on a terminal. */
  synchronized void set(long count) {
    if (!interactive || (count - lastDrawn) * 100 < total && count < total) {
      return;
    }
    lastDrawn = count;
    out.print("\r" + line(count));
    out.flush();
  }

  /** Prints a note on its own line, keeping the counter. */
  synchronized void note(String text) {
    if (interactive) {
      out.println();
    }
    out.println("  " + text);
    out.flush();
  }

  /** Prints the final count. */
  synchronized void done(long count) {
    out.println((interactive ? "\r" : "") + line(count));
    out.flush();
  }

  private String line(long count) {
    int filled = total == 0 ? BAR : (int) Math.min(BAR, count * BAR / total);
    return label
        + " ["
        + "#".repeat(filled)
        + "-".repeat(BAR - filled)
        + "] "
        + count
        + "/"
        + total;
  }
}
