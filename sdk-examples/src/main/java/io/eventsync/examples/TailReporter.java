package io.eventsync.examples;

import io.eventsync.ApiConnectionException;
import io.eventsync.poll.CloseReport;
import io.eventsync.poll.PollerListener;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * What a tail command says on stderr while it runs: fetch failures, one line when a streak starts
 * and again at its 2nd, 4th, 8th ... attempt; a first contact that cannot connect at all, which
 * ends the run; and what a stop abandoned. The command line's logging leaves these to it (see
 * simplelogger.properties), so each is said once.
 */
final class TailReporter implements PollerListener {
  private final PrintWriter err;
  private final String url;
  private final Runnable stop;
  private boolean fetched; // guarded by this
  private int streak; // guarded by this
  private ApiConnectionException unreachable; // guarded by this

  /**
   * @param url the redacted base URL, named in every line
   * @param stop called once when the first contact failed and the run should end
   */
  TailReporter(PrintWriter err, String url, Runnable stop) {
    this.err = err;
    this.url = url;
    this.stop = stop;
  }

  @Override
  public synchronized void batchFetched(String stream, int size, int alreadyDone) {
    fetched = true;
    streak = 0;
  }

  @Override
  public void fetchFailed(String stream, Throwable error, Duration backoff) {
    int attempt;
    synchronized (this) {
      if (!fetched && error instanceof ApiConnectionException) {
        if (unreachable == null) {
          unreachable = (ApiConnectionException) error;
          stop.run();
        }
        return;
      }
      attempt = ++streak;
    }
    if (Integer.bitCount(attempt) == 1) { // 1, 2, 4, 8, ...: one line per streak, then fewer
      err.println(
          "eventsync: "
              + problem(error)
              + "; retrying in "
              + DurationText.of(backoff)
              + " (attempt "
              + attempt
              + ")");
      err.flush();
    }
  }

  /** Returns the connection failure of a first contact that never got an answer, or null. */
  synchronized ApiConnectionException unreachable() {
    return unreachable;
  }

  /** The line that ends a run whose first contact could not connect. */
  String unreachableLine() {
    return "eventsync: "
        + problem(unreachable())
        + "; check --base-url and that the server is running";
  }

  private String problem(Throwable error) {
    if (error instanceof ApiConnectionException) {
      return "cannot reach " + url + " (" + rootMessage(error) + ")";
    }
    return "fetching from " + url + " failed: " + EventSyncCli.oneLine(error);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (root instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    String text =
        EventSyncCli.oneLine(
            message == null || message.isBlank()
                ? new IllegalStateException(root.toString())
                : root);
    if (root instanceof SSLException) {
      return "TLS failed: " + text + "; if the server speaks plain HTTP, use an http:// URL";
    }
    return text;
  }

  /**
   * The line printed when the tail is stopped (Ctrl-C): what was kept and what was abandoned, from
   * the poller's close report. Kept in one place so that it can follow the report's fields.
   */
  static String stopped(CloseReport report) {
    String kept =
        report.handled() == 0
            ? "eventsync: stopped before any event"
            : "eventsync: stopped after "
                + report.handled()
                + (report.handled() == 1 ? " event" : " events")
                + "; the cursor is stored";
    String sep = report.handled() == 0 ? "; " : " and ";
    String abandoned;
    switch (report.abandoned()) {
      case FETCH:
        abandoned = sep + "the fetch in flight was cancelled (nothing of it was printed)";
        break;
      case EVENT:
        abandoned =
            "; the event being printed did not finish and was abandoned: the next run prints it"
                + " again";
        break;
      case COMMIT:
        abandoned =
            "; the last commit did not finish: the next run may print again what this run printed"
                + " after the stored cursor";
        break;
      default:
        abandoned = sep + "nothing was abandoned";
        break;
    }
    if (report.abandonedThreads() > 0) {
      abandoned +=
          " ("
              + report.abandonedThreads()
              + (report.abandonedThreads() == 1 ? " poller thread" : " poller threads")
              + " still running)";
    }
    return kept + abandoned;
  }
}
